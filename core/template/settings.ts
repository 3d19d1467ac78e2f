/** The `Configuración` sheet: publisher settings that the sheets themselves do not carry (DESIGN §4). */
/**
 * `defaultValue`: what conversion uses when the sheet leaves the setting blank. `prefill`: what a new blank template
 * offers in its cell (the official sees it and may change it), when it differs: a license is suggested to whoever
 * starts a workbook, but never written into a package whose publisher did not state one.
 */
export interface SettingSpec { key: SettingKey; title: string; help: string; defaultValue: string; prefill?: string }

/** What a new blank template writes in a setting's cell. */
export const prefillOf = (s: SettingSpec): string => s.prefill ?? s.defaultValue;

export type SettingKey = 'publisherName' | 'state' | 'ocidPrefix' | 'projectIdPrefix' | 'licenseUrl' | 'publicationPolicyUrl' | 'timeZone';

/**
 * What the publisher name in Configuración is for, said in its cell's note and by `import` when it writes one: on the
 * platform, packages carry the name the institution was registered with (functions/src/publication: the publisher's
 * settings), and an official who corrected this cell — or found an import's «CDMX-SEFIN» in it — was told nothing.
 */
export const PUBLISHER_NAME_USE = 'Al enviar el libro a revisión (o publicarlo en un servidor donde su institución ya está registrada), los datos se publican con el nombre registrado de su institución, no con el de esta celda; esta celda da el nombre en los archivos que escribe «infra-abierta convert» y al registrar una institución nueva con «infra-abierta publish».';

export const SETTINGS: readonly SettingSpec[] = [
  { key: 'publisherName', title: 'Nombre del publicador', help: `Nombre oficial de la institución que publica los datos, p. ej. «Municipio de Mérida». ${PUBLISHER_NAME_USE}`, defaultValue: '' },
  { key: 'state', title: 'Entidad federativa', help: 'Estado al que pertenece su institución, p. ej. «Yucatán». Su Organismo Garante es el de esa entidad.', defaultValue: '' },
  { key: 'ocidPrefix', title: 'Prefijo OCID', help: 'Prefijo asignado a su institución para los procesos de contratación: «ocds-» seguido de 6 caracteres, p. ej. ocds-mer001.', defaultValue: '' },
  { key: 'projectIdPrefix', title: 'Prefijo de proyectos', help: 'Prefijo de los identificadores de proyecto: «oc4ids-» seguido de 6 caracteres, p. ej. oc4ids-mer001.', defaultValue: '' },
  { key: 'licenseUrl', title: 'Licencia (URL)', help: 'Dirección de la licencia con que se publican los datos.', defaultValue: '', prefill: 'https://creativecommons.org/licenses/by/4.0/' },
  { key: 'publicationPolicyUrl', title: 'Política de publicación (URL)', help: 'Dirección del documento donde su institución explica qué publica, cada cuándo y cómo.', defaultValue: '' },
  { key: 'timeZone', title: 'Zona horaria', help: 'Zona horaria de las fechas capturadas (IANA), p. ej. America/Mexico_City, America/Monterrey, America/Merida, America/Tijuana.', defaultValue: 'America/Mexico_City' },
];

export const SETTINGS_SHEET = 'Configuración';
/** The `Configuración` sheet's header row: each setting's title, its value, its key (what the reader goes by). */
export const SETTINGS_HEADER: readonly string[] = ['Parámetro', 'Valor', 'clave'];
export const INSTRUCTIONS_SHEET = 'Instrucciones';
export const CATALOG_SHEET = 'Catálogos';
/** The first sheet of a publication's datos.xlsx, for its readers (core/template/bulk-readme.ts); conversion skips it. */
export const README_SHEET = 'Léame';
