/** Spanish messages of the import of published data (core/import). */
import { registerMessages } from '../messages/catalogue';

registerMessages({
  'import.coordinates-swapped': 'Las coordenadas venían como [latitud, longitud] ({lat}, {lng}); se corrigieron al orden GeoJSON [longitud, latitud].',
  'import.tag-as-string': 'La etiqueta de la entrega venía como texto («{value}»); se convirtió en lista, como pide OCDS 1.1.',
  'import.status-completed': 'El estatus «completed» no existe en EDCAPI 0.9.5; se cambió a «completion» (Terminación).',
  'import.nature-moved': 'La naturaleza del proceso estaba fuera del resumen (versión anterior de EDCAPI); se movió a «summary.nature».',
  'import.budget-breakdowns': 'El desglose presupuestal tenía el formato anterior a EDCAPI 0.9.5; se reorganizó en «budgetBreakdowns».',
  'import.not-a-release': 'El archivo «{file}» contiene una entrega sin «ocid»; no se importó.',
  'import.not-a-project': 'El archivo «{file}» contiene un proyecto sin «id»; no se importó.',
  'import.record-without-data': 'El registro «{ocid}» de «{file}» no trae entrega compilada ni entregas; no se importó.',
  'import.unknown-shape': 'El archivo «{file}» no es un paquete de entregas, de registros ni de proyectos.',
});
