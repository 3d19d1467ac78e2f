/** Spanish messages of the import of published data (core/import). */
import { registerMessages } from '../messages/catalogue';

registerMessages({
  'import.coordinates-swapped': 'Las coordenadas venían como [latitud, longitud] ({lat}, {lng}); se corrigieron al orden GeoJSON [longitud, latitud].',
  'import.tag-as-string': 'La etiqueta de la entrega venía como texto («{value}»); se convirtió en lista, como pide OCDS 1.1.',
  'import.status-completed': 'El estatus «completed» no existe en EDCAPI 0.9.5; se cambió a «completion» (Terminación).',
  'import.nature-moved': 'La naturaleza del proceso estaba fuera del resumen (versión anterior de EDCAPI); se movió a «summary.nature».',
  'import.budget-breakdowns': 'El desglose presupuestal tenía el formato anterior a EDCAPI 0.9.5; se reorganizó en «budgetBreakdowns».',
  'import.transactions-upgraded': '{count:pago venía|pagos venían} con los campos de OCDS 1.0 («amount», «providerOrganization», «receiverOrganization»); se pasaron a «value», «payer» y «payee», los de OCDS 1.1, ligados a sus actores.',
  'import.budget-url': 'La partida presupuestal traía su enlace en «url»; se pasó a «uri», el campo que define la extensión de desglose presupuestal.',
  'import.budget-classification': 'La clasificación presupuestal venía como «budgetclassifications» (con «Measures», «level» y «classifications»); se pasó a «budgetClassification» con «measures», «levelId» y «classification», los nombres que declara EDCA-MX.',
  'import.renamed': '{count:valor|valores} de «{from}» {count?se pasó|se pasaron} a «{to}», el nombre que declara EDCA-MX para ese dato.',
  'import.not-a-release': 'El archivo «{file}» contiene una entrega sin «ocid»; no se importó.',
  'import.not-a-project': 'El archivo «{file}» contiene un proyecto sin «id»; no se importó.',
  'import.record-without-data': 'El registro «{ocid}» de «{file}» no trae entrega compilada ni entregas; no se importó.',
  'import.dropped': '{count?Se omitió|Se omitieron} {count:valor|valores} de «{field}» de «{file}»: la plantilla no tiene columna para ese dato, así que {count?no se publicará|no se publicarán} de nuevo desde este libro.',
  'import.url-encoded': '{count:dirección|direcciones} de «{field}» ({file}) {count?tenía|tenían} espacios o acentos; se {count?escribió|escribieron} codificada{count?|s} como las envía el navegador (un espacio es %20): es la misma dirección.',
  'import.trimmed': 'Se quitaron espacios o caracteres invisibles al inicio o al final de {count:texto|textos} de «{field}» ({file}).',
  'import.empty-removed': '{count?Se quitó|Se quitaron} {count:texto vacío|textos vacíos} de «{field}» ({file}).',
  'import.date-offset': '{count:fecha|fechas} de «{field}» ({file}) no {count?tenía|tenían} hora o zona horaria; {count?se completó|se completaron} con la hora de la Ciudad de México, como pide el estándar.',
  'import.code-normalized': '{count:valor|valores} de «{field}» ({file}) {count?se escribió|se escribieron} como el código del catálogo ({count?venía|venían} con otras mayúsculas o con su nombre).',
  'import.code-not-in-list': '{count:valor|valores} de «{field}» ({file}) no {count?está|están} en el catálogo; {count?se copió|se copiaron} a su celda, pero deberá elegir una opción de la lista antes de publicar.',
  'import.number-as-text': '{count:número|números} de «{field}» ({file}) se {count?guarda|guardan} como texto, que es como la plantilla lee esa columna.',
  'import.parties-merged': 'El archivo {file} repetía {count:actor|actores} con el mismo identificador; se unieron en uno (con todos sus roles).',
  'import.party-values-lost': 'Al unir actores repetidos de {file} {count?se omitió|se omitieron} {count:dato|datos} que no {count?coincidía|coincidían} con los del primero.',
  'import.id-added': 'Se agregó un identificador a {count:elemento|elementos} de «{field}» ({file}) que no {count?tenía|tenían}: las filas de otras hojas se ligan por él.',
  'import.unknown-shape': 'El archivo «{file}» no es un paquete de entregas, de registros ni de proyectos.',
});
