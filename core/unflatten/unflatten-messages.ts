/** Spanish messages (es-MX, usted) of the sheet → JSON engine's findings. */
import { registerMessages } from '../messages/catalogue';

export const UNFLATTEN_MESSAGES = {
  'sheet.not-a-template': 'Esta hoja no corresponde a la plantilla y no se leyó. Si contiene datos para publicar, cópielos a la hoja correspondiente.',
  'sheet.header-missing': 'No se encontraron los encabezados de la hoja (fila 1 con los títulos y fila 2 con los nombres técnicos). Restaure esas filas desde una plantilla en blanco.',
  'sheet.unknown-column': 'La columna «{header}» no corresponde a ningún campo de la plantilla; sus datos no se publicarán.',
  'sheet.duplicate-column': 'La columna «{header}» está repetida (ya aparece en la columna {firstColumn}); solo se lee la primera.',
  'sheet.column-other-array': 'La columna «{header}» pertenece a otra hoja de la plantilla; sus datos no se leyeron aquí.',
  'sheet.missing-key-column': 'Falta la columna clave «{column}», que enlaza cada fila con su proyecto o proceso. La hoja no se pudo leer.',
  'sheet.formulas-without-result': '{count:celda tiene|celdas tienen} una fórmula sin resultado guardado ({cells}) y se {count?lee vacía|leen vacías}: el archivo lo guardó un programa que no calcula fórmulas. Ábralo en Excel, LibreOffice o Google Sheets y guárdelo de nuevo para que se calculen, o escriba los valores.',
  'cell.link-used': 'La celda muestra «{value}» y tiene un vínculo: se publica la dirección del vínculo, {link}.',
  'workbook.empty': 'El libro no tiene contrataciones ni proyectos: no hay nada que enviar ni publicar. Revise que los datos empiecen en la fila 3 de las hojas «Contrataciones» y «Proyectos».',
  'sheet.merged-cells': 'Hay celdas combinadas ({range}). Sepárelas: cada celda debe tener su propio valor.',
  'sheet.internal-error': 'Ocurrió un error interno al leer esta hoja ({message}). Por favor repórtelo al equipo de soporte.',
  'row.repeated-key': 'La clave «{value}» ya está en la fila {firstRow}: esta fila se unió a aquella y se {count?descartó|descartaron} {count:valor distinto|valores distintos} de esta. Si es otra contratación u otro proyecto, escriba su propia clave en «{column}».',
  'row.missing-key': 'Esta fila tiene datos pero le falta la clave «{column}». Escríbala para enlazar la fila.',
  'row.parent-not-found': 'La columna «{column}» dice «{value}», pero no existe en {parent}. Revise que esté escrito igual que allá, o agréguelo primero en esa hoja.',
  'cell.formula-error': 'La celda muestra un error de fórmula ({value}). Corrija la fórmula o escriba el valor directamente.',
  'cell.unsupported-value': 'No se reconoce el contenido de la celda ({value}). Escriba un texto, un número o una fecha.',
  'cell.not-a-number': '«{value}» no es un número. Escriba solo cifras, con punto decimal, por ejemplo 1,234,567.89.',
  'cell.percent-sign': '«{value}»: escriba el número sin el signo %: {number}.',
  'cell.currency-in-amount': '«{value}»: escriba solo la cantidad, {number}; la moneda ({currency}) va en su propia columna.',
  'cell.two-numbers': '«{value}» tiene dos números en una celda. Escriba uno por celda: la latitud y la longitud, por ejemplo, van en columnas separadas.',
  'cell.decimal-comma': '«{value}» está escrito con coma decimal. En México el punto separa los decimales y la coma los miles: escriba {number}.',
  'cell.not-an-integer': '«{value}» no es un número entero. Escriba un número sin decimales.',
  'cell.not-a-boolean': '«{value}» no es una respuesta válida. Escriba Sí o No.',
  'cell.not-a-date': '«{value}» no es una fecha válida. Use el formato dd/mm/aaaa, por ejemplo 31/03/2024.',
  'cell.unknown-code': '«{value}» no es una opción de la lista. Elija una de la lista desplegable{options?}.',
  'cell.code-not-in-list': '«{value}» no está en la lista sugerida. Se publicará tal cual; de preferencia elija una opción de la lista desplegable.',
  'cell.conflicting-value': 'Este valor («{value}») no coincide con el ya capturado en {firstCell} («{firstValue}»). Se conserva el primero; corrija el que no sea correcto.',
  'cell.coordinates-incomplete': 'Falta la {missing} de esta ubicación. Escriba latitud y longitud, o deje ambas vacías.',
  'cell.coordinate-out-of-range': 'La {axis} {value} está fuera del rango permitido (entre -{limit} y {limit}). Revise que no estén invertidas latitud y longitud.',
  'settings.bad-prefix': 'El prefijo «{value}» no tiene la forma de un prefijo registrado: «{start}» seguido de 6 letras minúsculas o números, p. ej. «{start}abc123». Mientras tanto no se revisa que los identificadores lo usen.',
  'settings.not-an-address': '«{value}» no es una dirección web completa: escríbala con https:// (p. ej. https://datos.gob.mx/libreusomx). Mientras tanto los paquetes se publican sin este dato.',
  'settings.unknown-time-zone': 'La zona horaria «{value}» no se reconoce; se usará {default}. Elija por ejemplo America/Mexico_City, America/Cancun o America/Tijuana.',
} as const;

registerMessages(UNFLATTEN_MESSAGES);
