/**
 * The `Léame` sheet of a publication's bulk workbook (`datos.xlsx`): what a data user needs to read the workbook and
 * to know what it does not hold. The workbook is the capture template filled with the published data, so converting
 * it back (`convert`) gives the processes' compiled releases and the published projects — except the project fields
 * that publication derives from the OCDS data and that have no column in the template. Those are named here, with
 * where to find them, so that a round trip that lacks them is expected rather than a loss someone discovers by diffing.
 */
import { README_SHEET, SETTINGS_SHEET } from './settings';
import { DEFAULT_TIME_ZONE } from '../unflatten/time-zone';
import { formatCount } from '../format/es-mx';

export { README_SHEET };

export interface PublicationDerivedField {
  /** Unindexed path from the project root, as the API and projects.json carry it. */
  path: string;
  /** What it is and where the data user finds it, in Spanish. */
  text: string;
}

/**
 * Project fields publication writes (core/summary/derive-project-summaries, functions/src/publication) that no
 * template column holds. The local-server e2e test converts datos.xlsx back and checks that every field where the
 * result differs from projects.json is listed here (the tenderers come back: `convert` derives them as publication does).
 */
export const PUBLICATION_DERIVED_FIELDS: readonly PublicationDerivedField[] = [
  {
    path: 'contractingProcesses/releases',
    text: 'Entregas de cada proceso de contratación de un proyecto (identificador, etiquetas, fecha y dirección de cada entrega EDCA-MX publicada): la publicación las enlaza al proceso por su OCID. Están en projects.json; cada entrega, en releases.json y en la API.',
  },
  {
    path: 'contractingProcesses/summary/tender/tenderers',
    text: 'Licitantes del resumen de cada proceso de un proyecto: la publicación los toma de la hoja «Licitantes» de las contrataciones (tender/tenderers), por el OCID del proceso (al convertir este libro con «infra-abierta convert» también se toman de ahí). Búsquelos ahí, o en projects.json.',
  },
  {
    path: 'updated',
    text: 'Fecha de actualización de cada proyecto: la de su última publicación con cambios. Está en projects.json; al convertir este libro se pone la fecha de la conversión.',
  },
];

/**
 * What the workbook does with the other dates: with a time of day, in UTC, or at midnight in another time zone than
 * their publisher's, they are text as published; as date cells they would lose the hour or the zone, and the workbook
 * sent back as an update would publish them changed.
 */
export const DATES_AS_TEXT = 'Las que se publicaron con hora en esa misma zona son celdas de fecha y hora, escritas dd/mm/aaaa hh:mm (31/03/2024 10:30). Las demás —en UTC (2023-03-20T00:00:00Z), con la hora de otra zona horaria (2024-07-18T00:00:00-08:00) o con fracciones de segundo— quedan como texto, tal como se publicaron: como celdas de fecha perderían la zona o parte de la hora, y el libro, enviado de nuevo, las publicaría cambiadas. Sus primeros 10 caracteres son la fecha (aaaa-mm-dd): para ordenarlas o filtrarlas junto con las otras, conviértalos en fecha (FECHANUMERO de los 10 primeros caracteres, IZQUIERDA).';

/** A publisher of the workbook and the time zone its dates are written in (its publication's, or the default). */
export interface BulkPublisherZone { name: string; prefixes: string[]; timeZone: string }

/**
 * Where the workbook's date cells are: in one zone, the one its `Configuración` sheet states (a publisher's own
 * workbook, or all publishers' when their zones keep the same time), so converting it back reads them as published;
 * or each row's in its publisher's zone (all publishers' of different times), which one conversion cannot give back:
 * `others` are the publishers whose zone's time is not Mexico City's.
 */
export type BulkDateZones = { timeZone: string } | { others: readonly BulkPublisherZone[] };

const AMOUNTS = 'Montos: números con separador de miles y dos decimales (1,234,567.89), con su moneda en la columna de al lado (MXN: pesos mexicanos).';

function datesLine(zones: BulkDateZones): string {
  const cells = 'Fechas: celdas de fecha, escritas dd/mm/aaaa (31/03/2024), cuando se publicaron a la medianoche';
  if ('timeZone' in zones) {
    return `${cells} de la zona horaria ${zones.timeZone}, la del libro con que se publicaron. La dice la hoja «${SETTINGS_SHEET}»: así, este libro convertido o enviado de nuevo da las mismas fechas. ${DATES_AS_TEXT} ${AMOUNTS}`;
  }
  return `${cells} de la zona horaria de su implementador, la del libro con que publicó: la de la Ciudad de México (${DEFAULT_TIME_ZONE}), salvo la de los implementadores cuya zona tiene otra hora, que se listan al final de esta hoja. ${DATES_AS_TEXT} ${AMOUNTS}`;
}

/**
 * The publishers of another zone, one row each (a sheet's rows have no limit; a cell holds 32,767 characters), and
 * what converting the workbook does with their dates: one conversion reads every date cell in one zone, so their rows
 * would come back at Mexico City's midnight. Their own workbooks state their zone and come back the same.
 */
function otherZonesLines(others: readonly BulkPublisherZone[]): string[] {
  return [
    '',
    'Implementadores cuya zona horaria tiene otra hora que la de la Ciudad de México (cada fila es del implementador del prefijo de su identificador):',
    ...others.map((p) => `• ${p.prefixes.length ? `${p.name} (${p.prefixes.join(', ')})` : p.name}: ${p.timeZone}`),
    `Este libro no tiene hoja «${SETTINGS_SHEET}»: al convertirlo, todas sus celdas de fecha se leen como de ${DEFAULT_TIME_ZONE}, y las de esos implementadores saldrían con el mismo día pero a la medianoche de la Ciudad de México. Para corregir y enviar de nuevo los datos de un implementador, descargue su propio datos.xlsx (/api/bulk/datos.xlsx?publisher=…), que dice su zona horaria.`,
  ];
}

/**
 * Published values no template column holds, per unindexed field (core/import/template-coverage droppedValues): what a
 * publisher brought as it was published elsewhere (`history`: fields of other systems, OCDS 1.0 payments' `amount`),
 * which the dashboard and records.json have and this workbook cannot. `packageFields`: package metadata some of those
 * releases carry inside them (`packageInfo`, `version`), not data of the process. `cutTexts`: texts longer than an
 * Excel cell holds (core/format/excel-text.ts), written cut.
 */
export interface NotHeldFields { ocds: ReadonlyMap<string, number>; oc4ids: ReadonlyMap<string, number>; packageFields: ReadonlySet<string>; cutTexts?: number }

/**
 * The fields of the workbook's data it does not hold, named with how many values each loses and where they are: the
 * workbook said a conversion gave back the compiled releases of records.json, and a data user who summed its payments
 * found none of a history's OCDS 1.0 amounts the dashboard counted.
 */
function notHeldLines(notHeld: NotHeldFields | undefined): string[] {
  if (!notHeld || (!notHeld.ocds.size && !notHeld.oc4ids.size && !notHeld.packageFields.size)) return [];
  const field = (standard: string) => ([path, n]: [string, number]) => `• ${path} (${standard}): ${formatCount(n, 'valor', 'valores')}.`;
  return [
    '',
    'Datos publicados que la plantilla no tiene dónde escribir y que este libro no incluye (un implementador los publicó tal como venían de otro sistema o de una versión anterior del estándar):',
    ...[...notHeld.ocds].map(field('EDCA-MX, contrataciones')),
    ...[...notHeld.oc4ids].map(field('EDCAPI, proyectos')),
    ...(notHeld.packageFields.size ? [`• ${[...notHeld.packageFields].join(', ')}: datos del paquete que algunas entregas traen dentro; no son del proceso.`] : []),
    'Están tal como se publicaron en records.json y releases.json (contrataciones) y en projects.json (proyectos), y el tablero los muestra cuando los entiende (por ejemplo, un pago con su monto en «amount», como lo escribía OCDS 1.0): para sumarlos o revisarlos, use esos archivos.',
  ];
}

/** Texts cut to fit a cell: said, with where they are whole, so that a cut description is not taken for what was published. */
function cutLines(cutTexts: number | undefined): string[] {
  if (!cutTexts) return [];
  return ['', `${formatCount(cutTexts, 'texto publicado tiene', 'textos publicados tienen')} más de 32,767 caracteres, lo más que guarda una celda de Excel: aquí ${cutTexts === 1 ? 'está cortado' : 'están cortados'} y ${cutTexts === 1 ? 'termina' : 'terminan'} en «…». Están completos en records.json y releases.json (contrataciones) y en projects.json (proyectos).`];
}

/** Each line of the sheet, one per row (column A). */
export function bulkReadmeLines(zones: BulkDateZones = { timeZone: DEFAULT_TIME_ZONE }, notHeld?: NotHeldFields): string[] {
  return [
    'Infraestructura Abierta — descarga completa de los datos publicados',
    'Este libro tiene los datos publicados en la misma plantilla con que se capturan: las hojas de proyectos (EDCAPI / OC4IDS) y las de contrataciones (EDCA-MX / OCDS), una fila por elemento. En cada hoja la fila 1 tiene el título de cada columna, la fila 2 su nombre técnico (el campo del estándar) y los datos empiezan en la fila 3. Las filas de una hoja hija se enlazan con su proyecto o proceso por la primera columna (identificador del proyecto u OCID).',
    // The compiled release, as records.json, the API and the dashboard give it (publication/bulk-files.ts): a data
    // user comparing this workbook with them finds the same payments and actors, those of earlier releases included.
    'De cada proceso de contratación está su estado vigente: la entrega compilada de su registro (compiledRelease en records.json), la misma que muestran el tablero y la API. Tiene también lo publicado en entregas anteriores que ya no viene en la más reciente: un pago o un actor cuya fila se borró del libro sigue publicado (el estándar no quita lo publicado; un dato equivocado se corrige cambiando su valor en su fila). Cada entrega, tal como se publicó, está en releases.json, en la misma página de descargas (/api/bulk).',
    // Only a date the template would write as a date comes back from it the same (core/flatten/flatten.ts, dateCell):
    // any other stays text, and a reader sorting a column of both needs to know why.
    datesLine(zones),
    '',
    'Datos que calcula la publicación y que este libro no incluye:',
    ...PUBLICATION_DERIVED_FIELDS.map((f) => `• ${f.path}: ${f.text}`),
    ...notHeldLines(notHeld),
    ...cutLines(notHeld?.cutTexts),
    '',
    'Por eso, al convertir este libro a JSON (npx infra-abierta convert datos.xlsx -o salida.json) salen los mismos procesos que las entregas compiladas de records.json y los mismos proyectos que en projects.json, salvo esos campos y la fecha, el identificador y las etiquetas (tag) de cada entrega, que son los de la conversión. Si el libro se publica de nuevo, la publicación vuelve a calcularlos.',
    ...('others' in zones ? otherZonesLines(zones.others) : []),
  ];
}
