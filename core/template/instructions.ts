/** Text of the `Instrucciones` sheet (usted register, plain Spanish), shared by the .xlsx writer and the add-on. */
import { minimumSheets } from './layout';
import { SETTINGS_SHEET } from './settings';
import type { TemplateSpec } from './spec';

export const INSTRUCTIONS: readonly string[] = [
  'Plantilla de Infraestructura Abierta (EDCAPI y EDCA-MX)',
  'Esta plantilla sirve para capturar los proyectos de obra pública (hojas de proyecto, estándar EDCAPI / OC4IDS) y sus procesos de contratación (hojas de contratación, estándar EDCA-MX / OCDS).',
  // With a server, the registration decides the name, state and prefixes (functions/src/publication/publish.ts): an
  // official told to fill them first spent time on cells that did nothing, or typed other prefixes.
  `1. Hoja «${SETTINGS_SHEET}»: si envía sus datos a revisión con el complemento, o los publica en un servidor donde su institución ya está registrada, el nombre, la entidad y los prefijos son los de ese registro, y no necesita escribirlos; revise la zona horaria, y la licencia y la política de publicación si su registro no las tiene. Si solo usa la herramienta de línea de comandos, llénela primero: nombre de su institución, entidad, prefijos de identificadores, licencia y zona horaria.`,
  '2. Cada hoja es una tabla. La fila 1 tiene el título de cada columna (pase el cursor sobre él para ver la ayuda) y la fila 2 el nombre técnico del campo. Esas dos filas están protegidas: no las modifique. Capture a partir de la fila 3.',
  '3. Las columnas marcadas con * son obligatorias. Las columnas en verde son claves: enlazan cada fila con su proyecto o proceso (por ejemplo, el identificador del proyecto en la hoja «Ubicaciones») y quedan fijas a la izquierda al desplazarse. Las columnas en gris se calculan si las deja vacías (por ejemplo, el método de contratación a partir del tipo de procedimiento); si escribe un valor, se respeta el suyo.',
  '4. Una fila por elemento: un proyecto por fila en «Proyectos», un proceso por fila en «Contrataciones», una ubicación por fila en «Ubicaciones», etc.',
  '5. Fechas en formato dd/mm/aaaa (por ejemplo 31/03/2024); si importa la hora, escríbala después, de 0 a 23 (31/03/2024 10:30), y se toma en la zona horaria de la hoja «Configuración». Montos con centavos si los hay (por ejemplo 1,234,567.89); la moneda se elige en su propia columna (MXN, pesos mexicanos, es la primera opción).',
  '6. En las columnas con lista desplegable elija una opción. Donde se admiten varios valores, sepárelos con punto y coma (;).',
  '7. Ubicaciones: escriba latitud y longitud en grados decimales (por ejemplo 19.432608 y -99.133209).',
  '8. En las columnas de dirección de documentos escriba la dirección completa, que empieza con https://. También puede mostrar un texto con vínculo (Insertar › Vínculo) o escribir =HIPERVINCULO("https://…/contrato.pdf";"Ver contrato"): se publica la dirección, siempre que esté escrita en la celda o en la fórmula entre comillas.',
  '9. Puede insertar y borrar filas de datos, cambiar el ancho de las columnas y ocultar las que no use. No inserte, mueva ni borre columnas: la conversión reconoce cada columna por el nombre técnico de la fila 2, y una columna sin ese nombre no se convierte. Para pegar datos de otro archivo use Pegado especial con solo los valores (Ctrl+Mayús+V; en LibreOffice, «Valores solo»): un pegado normal trae el formato del otro archivo y puede dejar bloqueadas esas celdas.',
  '10. Valide sus datos con el complemento (Extensiones → Infraestructura Abierta → Validar datos) o con la herramienta de línea de comandos antes de enviarlos a revisión.',
];

/** Heading of the list of minimum sheets (tests look for it). */
export const MINIMUM_HEADING = 'Mínimo para publicar (pestañas en naranja):';

/**
 * «Mínimo para publicar»: the settings and the root sheets, each with its required columns, derived from the spec
 * so the list never disagrees with the stars in the headers.
 */
export function minimumLines(spec: TemplateSpec): string[] {
  return [
    MINIMUM_HEADING,
    `• ${SETTINGS_SHEET}: con el complemento o un servidor donde su institución está registrada, nada (cuenta su registro); solo con la herramienta de línea de comandos, nombre del publicador, entidad federativa y prefijos de identificadores.`,
    ...minimumSheets(spec).map((s) => {
      const required = s.columns.filter((c) => c.required && !c.derived);
      const always = required.filter((c) => !c.onceTendered).map((c) => c.title).join(', ');
      const tender = required.filter((c) => c.onceTendered).map((c) => c.title).join(', ');
      // A process still at planning (past-planning.ts) is published with its key alone: its tender's columns wait.
      return `• ${s.name}: una fila por ${s.standard === 'oc4ids' ? 'proyecto' : 'proceso de contratación'} con ${always}${tender ? `; en cuanto el proceso tiene licitación, también ${tender} (un proceso aún en planeación se publica sin ellas)` : ''}.`;
    }),
    'Las demás hojas son opcionales: llénelas cuando tenga esos datos. En cada fila que agregue, las columnas marcadas con * son obligatorias.',
  ];
}

/** Every line of the `Instrucciones` sheet: title and purpose, the minimum, the numbered rules, the sheet list. */
export function instructionLines(spec: TemplateSpec): string[] {
  return [
    ...INSTRUCTIONS.slice(0, 2), '', ...minimumLines(spec), '', ...INSTRUCTIONS.slice(2),
    '', 'Hojas de esta plantilla:', ...spec.sheets.map((s) => `• ${s.name}`),
  ];
}
