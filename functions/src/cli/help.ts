/** The CLI's usage text (its own module: the built entry prints it without loading any command). */
export const HELP = `Infraestructura Abierta — herramientas de línea de comandos

  infra-abierta template [-o plantilla.xlsx]        Escribe la plantilla en blanco (EDCAPI + EDCA-MX)
                [--filas 10000]    filas de datos de cada hoja con listas desplegables (hasta 1,048,574)
  infra-abierta validate libro.xlsx [--json] [--todos]  Valida un libro (o una carpeta de .csv) y lista los problemas
                [--publicador ID]  (servidor propio) lo revisa como el envío: con los prefijos registrados de
                                                   ese implementador en la base local, no los de «Configuración», y
                                                   con sus vínculos a procesos y proyectos de otros implementadores
  infra-abierta validate paquete.json [--json]      Valida un paquete publicado (entregas, registros o proyectos)
  infra-abierta convert libro.xlsx -o salida.json [--url https://…/salida.json]  Convierte a paquetes EDCA-MX (OCDS) y EDCAPI (OC4IDS);
                                                   --url: dirección web donde publicará el archivo;
                                                   --proyectos ruta.json: dónde escribir el paquete de proyectos
                                                   (sin ella, salida-proyectos.json);
                                                   --estricto: si el libro tiene errores no escribe nada (sin él,
                                                   escribe lo que se pudo leer, para revisar, y termina con código 1)
  infra-abierta import paquete.json [otro.json …] -o libro.xlsx  Convierte paquetes ya publicados a la plantilla;
                                                   un registro que solo enlaza sus entregas (url, sin entrega
                                                   compilada) las toma de los archivos indicados (con el nombre de
                                                   la dirección) o las descarga de su dirección; si alguna no se
                                                   puede traer, no se escribe el libro.
                [--sin-descargar]  no descarga: las enlazadas deben estar entre los archivos
                [--aceptar-faltantes]  escribe el libro sin las enlazadas que no se pudieron traer (se listan)
                [--espera 30]      segundos que se espera cada dirección (hasta 50 MB cada una, 4 a la vez)
  infra-abierta compile paquete.json [otro.json …] -o registros.json [--url …] [--versionadas]  Compila entregas OCDS (paquetes, listas o entregas sueltas, de cualquier publicador) en registros
  infra-abierta publish libro.xlsx --publicador ID  Publica un libro en la base local (administración)
  infra-abierta history archivo.json [otro.json …] --publicador ID [--todos]  Publica en la base local las entregas
                                                   que el implementador ya publicó en otro sistema, con sus
                                                   identificadores y fechas (su historia); solo antes de su
                                                   primera publicación aquí. Las entregas que un registro solo
                                                   enlaza (url) se toman de los archivos indicados (con el nombre
                                                   de la dirección) o se descargan de su dirección; si alguna no
                                                   se puede traer, no se publica nada.
                [--sin-descargar]  no descarga: las enlazadas deben estar entre los archivos
                [--aceptar-faltantes]  publica sin las enlazadas que no se pudieron traer (se listan)
                [--espera 30]      segundos que se espera cada dirección (hasta 50 MB cada una, 4 a la vez)
  infra-abierta history archivo.json … --publicador ID --nube [--proyecto ID] [--entorno functions/.env.ID]
                                                   Lo mismo en el despliegue en Firebase, con la PUBLIC_BASE_URL y el
                                                   BULK_BUCKET de las funciones (functions/.env.ID), y escribe las
                                                   descargas masivas
                [--aceptar-direccion-nueva]  publica aunque lo vigente enlace bajo otra dirección: la
                                                   PUBLIC_BASE_URL cambió a propósito y las funciones ya se
                                                   desplegaron con ella
  infra-abierta serve [--puerto 8080] [--procesos N|todos] [--sin-ejemplos]  Inicia la API y el tablero con la base
                                                   local (SQLite); con --procesos, N procesos atienden el mismo puerto;
                                                   una base sin publicadores recibe los datos de ejemplo, salvo con
                                                   --sin-ejemplos (un servidor real)
  infra-abierta backup -o respaldo.sqlite         Copia la base local (SQLite) aunque el servidor esté en marcha
  infra-abierta transfer --a-la-nube [--proyecto ID] [--entorno functions/.env.ID]  Copia la base local completa
                                                   (implementadores, cuentas, envíos, publicaciones, bitácora) al
                                                   Firestore del despliegue, que debe estar vacío; con el servidor
                                                   detenido, o desde un respaldo (INFRA_SQLITE=respaldo.sqlite)
  infra-abierta transfer --de-la-nube [--proyecto ID]  Lo contrario: el Firestore del despliegue a una base nueva
                                                   en INFRA_SQLITE. Repetida tras una interrupción, continúa
                [--aceptar-direccion-nueva]  copia aunque lo publicado enlace sus entregas bajo otra dirección
                                                   que la PUBLIC_BASE_URL del destino (esa debe seguir respondiendo)
  infra-abierta users add --email correo --rol capturista|coordinador|admin [--publicador id | --entidad Estado]
  infra-abierta users list [--entidad Estado] [--publicador id] [--rol rol]  Por entidad: coordinación y capturistas
  infra-abierta users remove ID|--email correo   (ID: la primera columna de users list)
  infra-abierta publishers add ID --nombre "…" --entidad "…" --prefijo-ocid PREFIJO_OCID --prefijo-proyectos PREFIJO_OC4IDS
                --proyectos N [--periodicidad 90] [--orden municipal|estatal|federal|autonomo] [--licencia URL]
                [--politica URL] [--sitio URL] [--archivo publicador.json]
                --proyectos N: cuántos proyectos se comprometió a publicar, un número de 0 a 5 (al actualizar, se
                conserva si no se indica; no es --proyecto, el proyecto de Google Cloud); --periodicidad: cada
                cuántos días actualiza (90 si no se indica). Al actualizar, --orden, --licencia, --politica y
                --sitio también se conservan si no se indican; vacíos (--licencia "") se quitan
                PREFIJO_OCID: «ocds-» y 6 letras minúsculas o números, el que la Open Contracting Partnership
                asignó a la institución; PREFIJO_OC4IDS: «oc4ids-» y 6, el que registró para OC4IDS
                Los prefijos de uno que ya publicó no cambian (sus identificadores los llevan), salvo con
                --cambiar-prefijo, para corregir uno registrado mal
  infra-abierta publishers list [--entidad Estado] | publishers remove ID  (solo uno sin publicaciones, envíos ni cuentas)
  infra-abierta publications list [--publicador ID]  Publicaciones de cada publicador: cuál es la vigente, cuándo
                                                   se hizo, cuántas entregas, registros y proyectos tiene, y si
                                                   quedó completa o sin terminar
  infra-abierta publications prune --antes-de AAAA-MM-DD [--publicador ID] [--confirmar]
                                                   Borra publicaciones reemplazadas (la vigente se conserva,
                                                   y las reemplazadas hace menos de 24 horas también) y las
                                                   copias de libros enviados que ya no necesita ningún envío,
                                                   con sus archivos de descarga (con --nube, del depósito del
                                                   despliegue: --entorno como en history); sin --confirmar
                                                   solo dice cuáles borraría
  infra-abierta publications rebuild-bulk [--publicador ID]
                                                   Tras actualizar a una versión nueva: escribe en su formato
                                                   los archivos de descarga de cada publicación vigente (los de
                                                   antes quedan como se escribieron hasta la siguiente
                                                   publicación); repetida, solo escribe lo que falte. Con --nube,
                                                   en el depósito del despliegue (--entorno como en history)
  infra-abierta publications republish [--publicador ID] [--confirmar]
                                                   Tras cambiar de dirección (PUBLIC_BASE_URL, transfer) o de
                                                   versión: publica de nuevo, con el mismo contenido y sin
                                                   entregas nuevas, cada publicación vigente que enlaza sus
                                                   entregas bajo otra dirección o que construyó una versión
                                                   anterior, y escribe sus archivos de descarga; las demás no
                                                   se tocan. Sin --confirmar solo dice cuáles y por qué. Con
                                                   --nube, bajo la dirección y en el depósito del despliegue
                                                   (--entorno como en history)
  infra-abierta publications redact --publicador ID --textos archivo.txt --motivo "folio" [--confirmar]
                                                   Datos personales escritos en un texto libre y ya publicados
                                                   (una CURP, un teléfono, un domicilio; derecho de cancelación):
                                                   reemplaza cada texto del archivo (uno por línea; o --texto "…")
                                                   en todas las entregas publicadas del implementador, sus
                                                   registros, proyectos, descargas y tablero, y lo registra en la
                                                   bitácora con el motivo. Sin --confirmar solo dice dónde están.
                                                   Con --nube, en el despliegue (--entorno como en history)
  infra-abierta verificar ARCHIVO… --huellas huellas.json  Comprueba que archivos descargados de /api/bulk son
                                                   exactamente los publicados: su huella SHA-256 contra la de
                                                   huellas.json, descargado el mismo día que ellos
                [--bitacora]       comprueba además la cadena de huellas de la bitácora (que no se borró ni se
                                                   editó ninguna entrada) y que la publicación de esas huellas sigue
                                                   en ella, sellada con el mismo contenido; sin --url, la de la
                                                   base local (o la del despliegue, con --nube)
                [--url https://…]  la bitácora pública de la plataforma de esa dirección (/api/audit/chain)
  Con --nube [--proyecto ID], users, publishers, publications, history y verificar trabajan sobre Firestore del despliegue en Firebase
  (credenciales predeterminadas de la aplicación: gcloud auth application-default login). --proyecto ID: el ID del
  proyecto de Google Cloud (p. ej. infra-abierta-mx; sin él, GOOGLE_CLOUD_PROJECT), no un número; no es --proyectos.
`;

const TITLE_LINE = HELP.split('\n')[0];
/** The note on --nube at the end of HELP: said with the help of each command it applies to. */
const CLOUD_NOTE = HELP.slice(HELP.indexOf('\n  Con --nube') + 1).trimEnd();
const CLOUD_COMMANDS = new Set(['users', 'publishers', 'publications', 'history', 'verificar']);

/** HELP's entries: each `  infra-abierta …` line with the indented lines that explain it. */
function entries(): string[][] {
  const out: string[][] = [];
  for (const line of HELP.slice(0, HELP.indexOf('\n  Con --nube')).split('\n').slice(1)) {
    if (line.startsWith('  infra-abierta ')) out.push([line]);
    else if (/^ {3,}\S/.test(line) && out.length) out[out.length - 1].push(line);
  }
  return out;
}

/**
 * `infra-abierta <orden> --help`: that command's own entries of HELP (one subcommand's, `publications rebuild-bulk
 * --help`, when it names one), not the whole text, in which an official looked for the lines of the command typed.
 * The whole HELP for no command or one it does not know.
 */
export function commandHelp(command: string | undefined, subcommand?: string): string {
  if (command === undefined) return HELP;
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const ofCommand = entries().filter(([first]) => new RegExp(`^  infra-abierta ${escape(command)}(\\s|$)`).test(first));
  if (!ofCommand.length) return HELP;
  const ofSub = subcommand === undefined ? [] : ofCommand.filter(([first]) => new RegExp(`\\b${escape(command)} ${escape(subcommand)}(\\s|$)`).test(first));
  const shown = ofSub.length ? ofSub : ofCommand;
  return [TITLE_LINE, '', ...shown.flat(), ...(CLOUD_COMMANDS.has(command) ? [CLOUD_NOTE] : []), '', 'Todas las órdenes: infra-abierta --help'].join('\n');
}
