/** Text of the `Instrucciones` sheet (usted register, plain Spanish). */
export const INSTRUCTIONS: readonly string[] = [
  'Plantilla de Infraestructura Abierta (EDCAPI y EDCA-MX)',
  'Esta plantilla sirve para capturar los proyectos de obra pública (hojas de proyecto, estándar EDCAPI / OC4IDS) y sus procesos de contratación (hojas de contratación, estándar EDCA-MX / OCDS).',
  '1. Llene primero la hoja «Configuración»: nombre de su institución, prefijos de identificadores, licencia y zona horaria.',
  '2. Cada hoja es una tabla. La fila 1 tiene el título de cada columna (pase el cursor sobre él para ver la ayuda) y la fila 2 el nombre técnico del campo: no modifique esas dos filas. Capture a partir de la fila 3.',
  '3. Las columnas marcadas con * son obligatorias. Las columnas en verde son claves: enlazan cada fila con su proyecto o proceso (por ejemplo, el identificador del proyecto en la hoja «Ubicaciones»).',
  '4. Una fila por elemento: un proyecto por fila en «Proyectos», un proceso por fila en «Contrataciones», una ubicación por fila en «Ubicaciones», etc.',
  '5. Fechas en formato dd/mm/aaaa (por ejemplo 31/03/2024). Montos en pesos mexicanos, con centavos si los hay (por ejemplo 1,234,567.89).',
  '6. En las columnas con lista desplegable elija una opción. Donde se admiten varios valores, sepárelos con punto y coma (;).',
  '7. Ubicaciones: escriba latitud y longitud en grados decimales (por ejemplo 19.432608 y -99.133209).',
  '8. Puede mover, ocultar o agregar columnas: la conversión reconoce cada columna por el nombre técnico de la fila 2.',
  '9. Valide sus datos con el complemento (Extensiones → Infraestructura Abierta → Validar datos) o con la herramienta de línea de comandos antes de enviarlos a revisión.',
];
