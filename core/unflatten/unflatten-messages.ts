/** Spanish messages (es-MX, usted) of the sheet → JSON engine's findings. */
import { registerMessages } from '../messages/catalogue';

export const UNFLATTEN_MESSAGES = {
  'sheet.not-a-template': 'Esta hoja no corresponde a la plantilla y no se leyó. Si contiene datos para publicar, cópielos a la hoja correspondiente.',
  'sheet.header-missing': 'No se encontraron los encabezados de la hoja (fila 1 con los títulos y fila 2 con los nombres técnicos). Restaure esas filas desde una plantilla en blanco.',
  // Info (bind-sheet.ts): a title block above the headings is left as it is.
  'sheet.rows-above-headings': 'Los encabezados de esta hoja empiezan en la fila {row}: {count?la fila|las filas} de arriba (un título, por ejemplo) no se {count?lee|leen} como datos. No necesita moverlos.',
  'sheet.unknown-column': 'La columna «{header}» no corresponde a ningún campo de la plantilla; sus datos no se publicarán.{{suggested| ¿Es la columna {suggested} de la plantilla? Si es así, escriba su título como en la plantilla en blanco para que sus datos se lean.}}',
  'sheet.path-edited': 'En la fila 2, la columna «{header}» dice «{written}», que no es un nombre técnico de la plantilla: se leyó por su título. Escriba ahí «{path}», como en la plantilla en blanco.',
  'sheet.copy-of-sheet': 'Esta hoja tiene las columnas de la hoja «{other}», y sus filas también se leen y se publicarían como datos de esa hoja. Si es una copia (de respaldo o de otra versión), bórrela o guárdela en otro libro; si no, pase sus filas a «{other}».',
  'sheet.data-without-header': 'Esta columna tiene datos pero no tiene título (fila 1) ni nombre técnico, y no se lee: lo que tenga no se publicará. Si son datos para publicar, páselos a la columna que les corresponde; si son notas suyas, puede dejarlas.',
  'sheet.duplicate-column': 'La columna «{header}» está repetida (ya aparece en la columna {firstColumn}); solo se lee la primera.',
  'sheet.column-other-array': 'La columna «{header}» pertenece a otra hoja de la plantilla; sus datos no se leyeron aquí.',
  'sheet.missing-key-column': 'Falta la columna clave «{column}», que enlaza cada fila con su proyecto o proceso. La hoja no se pudo leer.',
  'sheet.hidden-columns': '{count:columna oculta tiene|columnas ocultas tienen} datos ({columns}) y se {count?leyó|leyeron}: sus datos se publicarán como los de las demás. Ocultar una columna no la quita del libro. Si esos datos no deben publicarse, bórrelos (deje la columna, vacía); si sí, no necesita hacer nada.',
  'sheet.hidden-rows': '{count:fila oculta tiene|filas ocultas tienen} datos ({count?fila|filas} {rows}) y se {count?leyó|leyeron}: se {count?publicará|publicarán} como las demás. Ocultar una fila o dejarla fuera con un filtro no la quita del libro. Si no debe publicarse, elimínela (clic derecho en el número de la fila › Eliminar fila); si sí, no necesita hacer nada.',
  'sheet.formulas-without-result': '{count:celda tiene|celdas tienen} una fórmula sin resultado guardado ({cells}) y se {count?lee vacía|leen vacías}: el archivo lo guardó un programa que no calcula fórmulas. Ábralo en Excel, LibreOffice o Google Sheets y guárdelo de nuevo para que se calculen, o escriba los valores.',
  'cell.rfc-joined': 'El RFC «{value}» se publicará sin espacios, guiones ni puntos, como lo escribe el SAT: «{joined}».',
  'cell.rfc-uppercased': 'El RFC «{value}» se publicará en mayúsculas, como lo escribe el SAT: «{upper}».',
  'cell.link-used': 'La celda muestra «{value}» y tiene un vínculo: se publica la dirección del vínculo, {link}.',
  'cell.link-formula-used': 'La celda muestra «{value}» con una fórmula de vínculo (HIPERVINCULO): se publica la dirección escrita en ella, {link}.',
  'cell.link-formula-unread': 'La celda muestra «{value}» con una fórmula de vínculo cuya dirección no está escrita en ella ({formula}), así que no se sabe qué dirección publicar. Escriba la dirección completa entre comillas dentro de la fórmula, como =HIPERVINCULO("https://…"; "{value}"), o escriba la dirección sola en la celda.',
  'workbook.month-first-locale': 'Esta hoja de cálculo tiene la configuración regional «{locale}», que lee las fechas como mes/día/año: si escribe 01/04/2024, Google Sheets guarda el 4 de enero, no el 1 de abril. Cámbiela en Archivo → Configuración → Configuración regional → México y revise las fechas que ya capturó.',
  // Shown on «Validar datos» (addon/src/validation/locale-check.ts): the sheet's figures then look unlike the
  // dashboard's, and a number typed as in Mexico is not the one meant.
  'workbook.decimal-comma-locale': 'Esta hoja de cálculo tiene la configuración regional «{locale}», que usa la coma para los decimales: muestra los montos como 1.234.567,89 y no como en México (1,234,567.89), y un número escrito como en México, 1,234,567.89 o 62.5, puede quedar como texto o como otro número. Cámbiela en Archivo → Configuración → Configuración regional → México y revise los montos y porcentajes que ya capturó.',
  'workbook.empty': 'El libro no tiene contrataciones ni proyectos: no hay nada que enviar ni publicar. Revise que los datos empiecen en la fila 3 de las hojas «Contrataciones» y «Proyectos».',
  'workbook.no-template': 'Esta hoja de cálculo aún no tiene la plantilla de Infraestructura Abierta. Elija Extensiones → Infraestructura Abierta → Crear plantilla y capture sus datos a partir de la fila 3.',
  // What is lost is said: «Sepárelas» alone read as tidiness, and a project id merged over two processes' rows
  // published the second one unlinked, with only this warning.
  'sheet.merged-cells': 'Hay celdas combinadas ({range}): el valor está solo en la primera celda y las demás se leen vacías, aunque lo muestren{{rows|, así que {rowCount?la fila|las filas} {rows} se {rowCount?publicaría|publicarían} sin él}}. Sepárelas y escriba en cada celda su propio valor.',
  // Info (merged-cells.ts): a key merged down the rows of one process is read into each, as the sheet shows it.
  'sheet.merged-key-filled': 'Las celdas {range} de la columna «{column}» están combinadas: se tomó «{value}» también para {rowCount?la fila|las filas} {rows}, como se ve en la hoja. No necesita separarlas.',
  'sheet.internal-error': 'Ocurrió un error interno al leer esta hoja ({message}). Por favor repórtelo al equipo de soporte.',
  // An error (read-rows.ts repeatedKey): the second row's differing data would go unpublished without a word.
  'row.repeated-key': 'Las filas {firstRow} y {row} de la hoja «{sheet}» tienen el mismo «{column}» («{value}»), pero datos distintos en {count?la columna|las columnas} {columns}. Con la misma clave las dos filas se unen en una sola, y lo que la fila {row} tiene distinto se perdería: por eso no se puede publicar así. Si cada fila es de un proceso o proyecto distinto, cambie la clave de una de las dos; si son del mismo, junte sus datos en una sola fila y borre la otra.',
  'row.repeated-key-other-sheet': 'La fila {row} de la hoja «{sheet}» tiene el mismo «{column}» («{value}») que la fila {firstRow} de la hoja «{firstSheet}», pero datos distintos en {count?la columna|las columnas} {columns}. Con la misma clave las dos filas se unen en una sola, y lo que esta fila tiene distinto se perdería: por eso no se puede publicar así. Si una de las dos hojas es una copia de la otra (de respaldo o de otra versión), borre la copia o guárdela en otro libro; si cada fila es de un proceso o proyecto distinto, cambie la clave de una de las dos; si son del mismo, junte sus datos en una sola fila y borre la otra.',
  // An error too (read-rows.ts repeatedId): on a child sheet the id is what joins two rows into one item of its parent.
  'row.repeated-id': 'Las filas {firstRow} y {row} de la hoja «{sheet}» son del mismo «{parentColumn}» («{parent}») y tienen el mismo «{column}» («{value}»), pero datos distintos en {count?la columna|las columnas} {columns}. Con el mismo «{column}» las dos filas se unen en una sola, y lo que la fila {row} tiene distinto se perdería: por eso no se puede publicar así. Si cada fila describe algo distinto, dé a cada una su propio «{column}»; si las dos describen lo mismo, junte sus datos en una sola fila y borre la otra.{{lists| {listCount?La columna|Las columnas} {lists} {listCount?admite|admiten} varios valores en una celda, separados por punto y coma: al juntar las filas, escríbalos todos ahí.}}',
  'row.repeated-id-other-sheet': 'La fila {row} de la hoja «{sheet}» es del mismo «{parentColumn}» («{parent}») y tiene el mismo «{column}» («{value}») que la fila {firstRow} de la hoja «{firstSheet}», pero datos distintos en {count?la columna|las columnas} {columns}. Con el mismo «{column}» las dos filas se unen en una sola, y lo que esta fila tiene distinto se perdería: por eso no se puede publicar así. Si una de las dos hojas es una copia de la otra (de respaldo o de otra versión), borre la copia o guárdela en otro libro; si cada fila describe algo distinto, dé a cada una su propio «{column}»; si las dos describen lo mismo, junte sus datos en una sola fila y borre la otra.{{lists| {listCount?La columna|Las columnas} {lists} {listCount?admite|admiten} varios valores en una celda, separados por punto y coma: al juntar las filas, escríbalos todos ahí.}}',
  // An error (parse-value.ts digitsOf): the digits past the 15th are not in the file, so the value cannot be published.
  'cell.digits-lost': 'La celda guarda el número {value}: la hoja de cálculo guarda solo 15 cifras de un número y cambia las demás por ceros, así que esta clave de {digits} cifras puede no ser la que escribió. Escríbala de nuevo con un apóstrofo delante (\'012180001234567897): así queda como texto, con todas sus cifras. Para pegar varias, dé antes a la columna formato de texto.',
  'cell.date-in-text': 'La celda guarda la fecha {date}, en una columna de texto: se publicaría «{value}». Si escribió otra cosa (como 3-2024 o 1-2) y la hoja de cálculo la convirtió en fecha, escríbala con un apóstrofo delante (\'3-2024) para que quede como texto.',
  'row.paths-row': 'Esta fila tiene los nombres técnicos de las columnas («{key}»…), que van en la fila 2, debajo de los títulos: se movió, quizá al ordenar la hoja. No se leyó como datos. Regrésela a la fila 2 o bórrela; para ordenar, seleccione solo las filas de datos (de la 3 en adelante).',
  // A warning (totals-row.ts): the row is left out, and an official who did not mean a total should know.
  'row.note': 'Esta fila solo tiene un texto en la columna «{column}» («{text}»), como una nota, la fuente o las firmas al pie de la tabla: no se lee ni se publica. Puede dejarla o borrarla. Si es un proceso o un proyecto, escriba ahí su identificador, sin espacios, y sus datos en esta fila.',
  'row.totals': 'Esta fila parece de totales («{label}» y solo cifras, sin clave): no se lee ni se publica, porque los totales se calculan con los datos de las demás filas. Puede dejarla o borrarla. Si no es una fila de totales, escriba su clave para que se lea.',
  // Info (zero-row.ts): once per sheet, for rows that hundreds of missing-key errors blocked.
  'sheet.zero-rows': '{count:fila|filas} sin clave ({rows}) solo {count?tiene|tienen} ceros, como los deja una fórmula copiada hacia abajo: se {count?leyó como vacía|leyeron como vacías} y no se {count?publica|publican}. Si alguna es un dato por publicar, escriba su clave.',
  'row.missing-key': 'Esta fila tiene datos{{dataColumn| (en la columna {dataColumn}, «{dataHeader}»: «{dataValue}»)}} pero le falta la clave «{column}». Escríbala para enlazar la fila.{{dataColumn| Si la fila no debe tener datos (por ejemplo, una fórmula que se copió hacia abajo), borre lo que tiene.}}',
  // A parent with the same id in other capitals exists (read-rows.ts parentNotFound): a typing difference, not a missing row.
  'row.parent-other-case': 'La columna «{column}» dice «{value}», que no es igual a «{found}» de la fila {foundRow} de la hoja «{foundSheet}»: solo cambian las mayúsculas y minúsculas. Los identificadores se distinguen por ellas, así que esta fila no se une a esa. Escriba el identificador exactamente igual en las dos hojas.',
  'row.parent-sheet-missing': 'La columna «{column}» dice «{value}», pero este libro no tiene la hoja «{sheet}», donde se escribe. Copie esa hoja de la plantilla a este libro y escriba en ella su fila.',
  'row.parent-not-found': 'La columna «{column}» dice «{value}», pero no existe en {parent}. Revise que esté escrito igual que allá, o agréguelo primero en esa hoja.',
  // The parent is in its sheet, in a row not read for its own error: «no existe» sent the official to a row they could
  // see it in, with nothing to correct here.
  'row.parent-unread': 'La columna «{column}» dice «{value}», que está en la fila {unreadRow} de la hoja «{unreadSheet}», pero esa fila no se pudo leer por su propio error. Corrija primero el error de esa fila: entonces esta también se leerá.',
  'cell.formula-as-text': 'La celda tiene la fórmula «{value}» escrita como texto, así que no se calcula{{kept|: se publicaría tal como se ve}}. Pasa cuando la celda tiene formato de texto. Cambie su formato a «Automático» (en Excel, «General») y vuelva a escribir la fórmula, o escriba el valor.',
  'cell.formula-error': 'La celda muestra un error de fórmula ({value}). Corrija la fórmula o escriba el valor directamente.',
  'cell.unsupported-value': 'No se reconoce el contenido de la celda ({value}). Escriba un texto, un número o una fecha.',
  'cell.not-a-number': '«{value}» no es un número. Escriba solo cifras, con punto decimal, por ejemplo 1,234,567.89.',
  'cell.not-a-coordinate': '«{value}» no es un número. Escriba la coordenada en grados, solo cifras con punto decimal, por ejemplo {example}.',
  'cell.percent-sign': '«{value}»: escriba el número sin el signo %: {number}.',
  'cell.currency-in-amount': '«{value}»: escriba solo la cantidad, {number}; la moneda ({currency}) va en su propia columna.',
  'cell.unit-in-number': '«{value}»: escriba solo el número, {number}, sin la unidad ({unit}); la unidad de medida va en su propia columna.',
  'cell.two-numbers': '«{value}» tiene dos números en una celda. Escriba uno por celda: la latitud y la longitud, por ejemplo, van en columnas separadas.',
  // A warning (dot-thousands.ts): «1.250» can be what it reads; only the official knows.
  'cell.dot-thousands': '«{value}» se leyó como {read}, con punto decimal, pero en esta columna «{text}» (fila {textRow}) está escrito con punto de miles. Si este también, es {thousands}: escríbalo así, con coma de miles. Revíselo.',
  'cell.decimal-comma': '«{value}» está escrito con coma decimal. En México el punto separa los decimales y la coma los miles: escriba {number}.',
  // Info (parse-value.ts amountText): the amount is read, and how it was read is said at the cell.
  'cell.currency-read': '«{value}» se leyó como {amount}{{column|, en la moneda de la columna «{column}»}}. La moneda va en su propia columna: en esta basta la cantidad, {number}.',
  'cell.apostrophe-thousands': '«{value}» se leyó como {number}: el apóstrofo se tomó como separador de miles, como en los formatos antiguos. Escríbalo así, con comas.',
  // Errors (read-rows.ts currencyInAmount): the currency in the cell and the row's currency column disagree, or the
  // cell's currency is not the pesos a row without currency is published in. Which one is right only the official knows.
  'cell.currency-mismatch': '«{value}» dice {currency}, pero la columna «{column}» de esta fila dice {rowCurrency}. Escriba aquí solo la cantidad, {number}, y en «{column}» la moneda que corresponde.',
  'cell.currency-not-in-column': '«{value}» dice {currency}, pero {{column|la columna «{column}» de esta fila está vacía}}{{noColumn|esta hoja no tiene columna de moneda para este monto}}, y un monto sin moneda se publica en pesos (MXN). Escriba aquí solo la cantidad, {number}{{column|, y {currency} en «{column}»}}.',
  // A warning (parse-value.ts threeDecimals): the value is kept as read; only the official knows what was meant.
  'cell.three-decimals': '«{value}» se leyó con punto decimal: {read}{{under|, menos de {under}}}. ¿Quiso decir {meant}? En México la coma separa los miles y el punto los decimales: escriba {typed}. Si el monto es el que se leyó, déjelo así.',
  // Info (parse-value.ts daysText): the column counts days, and the word said it.
  'cell.days-read': '«{value}» se leyó como {number}: esta columna cuenta días naturales. Basta con escribir el número.',
  'cell.business-days': '«{value}»: esta columna cuenta días naturales (de calendario), no días hábiles, que no incluyen fines de semana ni días festivos. Escriba cuántos días naturales son, solo el número.',
  'cell.unit-not-days': '«{value}»: esta columna cuenta días naturales, no {unit}. Escriba cuántos días son, solo el número.',
  'cell.not-an-integer': '«{value}» no es un número entero. Escriba un número sin decimales.',
  'cell.not-a-boolean': '«{value}» no es una respuesta válida. Escriba Sí o No.',
  // Info (no-data-mark.ts): the cell is read empty, as its mark means; a required column then says it is missing.
  'cell.no-data-mark': '«{value}» se leyó como celda vacía: en esta columna no se escriben marcas como esa. Cuando un dato no aplica o aún no lo tiene, deje la celda en blanco.',
  'cell.not-a-date': '«{value}» no es una fecha válida. Use el formato dd/mm/aaaa, por ejemplo 31/03/2024.',
  // Said instead of cell.not-a-date when the text has a date's shape (parse-value.ts, dateRefusal).
  'cell.no-such-day': '«{value}» no es un día del calendario: {month} de {year} tiene {days} días. Corrija el día o el mes (dd/mm/aaaa).',
  // A warning (month-first-dates.ts): the date cell may be right; only the official knows what was typed.
  'cell.month-first-sheet-date': 'La celda guarda la fecha {date}, y en esta columna «{text}» (fila {textRow}) quedó como texto, no como fecha: así lo hace la hoja de cálculo cuando su configuración regional lee las fechas con el mes primero, como en Estados Unidos. Si en esta celda escribió {swapped}, se guardó con el día y el mes cambiados y se publicaría {date}. Revísela: si la fecha es {swapped}, escríbala con un apóstrofo delante (\'{swapped}), que se lee bien, como la de la fila {textRow}; o ponga la configuración regional en «Español (México)» (en Excel, la de Windows; en Google Sheets, Archivo → Configuración) y vuelva a escribir las fechas.',
  'cell.month-first-text-date': '«{value}» se leyó con el día primero, como el {date}, pero en esta columna «{text}» (fila {textRow}) está escrita con el mes primero, como en Estados Unidos. Si esta también lo está, es el {other}: escríbala con el día primero, {swapped}. Revísela.',
  'cell.month-first': '«{value}» parece escrita con el mes primero, como en Estados Unidos. En la plantilla el día va primero (dd/mm/aaaa): escriba {date}.',
  'cell.month-without-day': '«{value}» no dice el día. Escriba la fecha completa (dd/mm/aaaa), por ejemplo {date} si es el primero del mes.',
  'cell.year-alone': '«{value}» es solo un año, no una fecha. Escriba la fecha completa, con día y mes (dd/mm/aaaa), por ejemplo 31/03/{value}.',
  'cell.time-without-date': 'La celda tiene solo una hora ({value}), sin fecha. Escriba la fecha y, si hace falta, la hora: por ejemplo 31/03/2024 {value}.',
  'cell.unreadable-time': '«{value}»: la fecha ({date}) se entiende, pero la hora no. Escriba la hora de 0 a 23 con sus minutos, por ejemplo {date} 14:30, o deje solo la fecha.',
  'cell.two-digit-year': '«{value}» tiene el año con dos cifras: se leyó como {date}. Si no es esa fecha, escríbala con el año completo (dd/mm/aaaa).',
  'cell.unknown-code': '«{value}» no es una opción de la lista.{{suggested| ¿Quiso decir {suggested}?}} Elija una de la lista desplegable{options?}.',
  'cell.code-title-mismatch': '«{value}» junta dos opciones distintas de la lista: el nombre es de «{title}» y el código entre paréntesis, de «{code}». Elija la que corresponde en la lista desplegable.',
  'cell.list-separator': '«{value}» se leyó como {count:opción|opciones} de la lista: {items}. En esta columna las opciones se separan con punto y coma (;): escriba «{suggested}».',
  // Info (text-spacing.ts): a title or name pasted with line breaks, tabs or doubled spaces is published on one line.
  'cell.text-one-line': 'Este título o nombre tenía saltos de línea, tabuladores o espacios de más, como queda al pegarlo desde Word o un PDF. Se publicará en una sola línea: «{text}». Si quiere, escríbalo así en la celda.',
  'cell.code-not-in-list': '«{value}» no está en la lista sugerida.{{suggested| ¿Quiso decir {suggested}?}} Se publicará tal cual; de preferencia elija una opción de la lista desplegable.',
  'cell.conflicting-value': 'Este valor («{value}») no coincide con el ya capturado en {firstCell} («{firstValue}»). Se conserva el primero; corrija el que no sea correcto.',
  'cell.coordinates-incomplete': 'Falta la {missing} de esta ubicación. Escriba latitud y longitud, o deje ambas vacías.',
  'cell.geometry-not-point': 'Con una latitud y una longitud se registra un solo punto, pero aquí se eligió «{value}», que necesita varios puntos y así no se puede publicar. Elija «Punto» en esta columna (o déjela vacía).',
  'cell.coordinate-out-of-range': 'La {axis} {value} está fuera del rango permitido (entre -{limit} y {limit}). Revise que no estén invertidas latitud y longitud.',
  'settings.bad-prefix': 'El prefijo «{value}» no tiene la forma de un prefijo registrado: «{start}» seguido de 6 letras minúsculas o números, p. ej. «{start}abc123». Mientras tanto no se revisa que los identificadores lo usen.',
  'settings.prefixes-checked-at-sending': 'El libro no dice en la hoja «Configuración» los prefijos de su institución, así que aquí no se revisa que los identificadores los usen. Al enviar o publicar, la plataforma los revisa con los prefijos registrados de su institución y rechaza el libro si un identificador no los usa: escríbalos en «Prefijo OCID» y «Prefijo de proyectos» para saberlo antes.',
  'settings.not-an-address': '«{value}» no es una dirección web completa: escríbala con https:// (p. ej. https://datos.gob.mx/libreusomx). Mientras tanto los paquetes se publican sin este dato.',
  'settings.unknown-time-zone': 'La zona horaria «{value}» no se reconoce; se usará {default}. Escriba la de su ciudad como la nombra la lista de zonas (IANA): America/Mexico_City (centro del país), America/Cancun (Quintana Roo), America/Hermosillo (Sonora), America/Mazatlan, America/Chihuahua, America/Ciudad_Juarez o America/Tijuana (Baja California). Una diferencia con UTC, como «GMT-6», no basta: no dice si la zona cambia de horario en verano.',
} as const;

registerMessages(UNFLATTEN_MESSAGES);
