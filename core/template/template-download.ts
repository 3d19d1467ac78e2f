/**
 * Where the API serves the blank capture template (functions/src/api/template-route.ts) and the name it is saved
 * under, the committed template's: *Mis envíos* links to it for officials who capture in Excel.
 */
export const TEMPLATE_PATH = '/plantilla.xlsx';
export const TEMPLATE_FILE_NAME = 'plantilla-infraestructura-abierta.xlsx';
