/** Spanish (es-MX) messages of validation: what is wrong, the value found and how to fix it. The cell is rendered apart. */
import { registerMessages } from '../messages/catalogue';

registerMessages({
  // Schema (EDCA-MX / EDCAPI)
  'schema.required': 'Falta este dato, que el estándar exige.[[ Escríbalo en la columna indicada.||]]',
  'schema.type': 'El valor «{value}» no es del tipo esperado: debe ser {expected}. Corríjalo.',
  'schema.codelist': 'El valor «{value}» no está en el catálogo. [[Elija una opción de la lista desplegable.||Use uno de los códigos del catálogo.]]',
  'schema.format': 'El valor «{value}» no tiene el formato correcto ({limit}).',
  // A text with a link (Insertar vínculo) is read as its text: getValues() and the .xlsx cell value give the words shown.
  'schema.formatUriCharacters': '«{value}» tiene caracteres que una dirección web no admite tal cual: {chars}. Copie la dirección de la barra del navegador, que los escribe codificados (un espacio es %20), o quítelos del nombre del archivo.',
  'url.localFile': '«{value}» es el lugar de un archivo en una computadora o en la red de su oficina: el público no puede abrirlo. Publique el documento en el sitio web de su institución y escriba aquí su dirección, que empieza con https://.',
  'schema.formatUri': '«{value}» no es una dirección web: escriba la dirección completa, que empieza con https:// (p. ej. https://www.municipio.gob.mx/obras/contrato.pdf).[[ Si la celda muestra un texto, vincúlelo a la dirección del documento (Insertar › Vínculo) o escriba en su lugar la dirección misma.]]',
  'schema.formatDate': '«{value}» no es una fecha válida. [[Escríbala como fecha (31/03/2024) o como aaaa-mm-dd.||Escríbala como aaaa-mm-ddThh:mm:ss con su zona horaria (p. ej. 2024-03-31T00:00:00-06:00).]]',
  'schema.formatEmail': '«{value}» no es un correo electrónico válido: debe tener la forma nombre@dominio (p. ej. obras@municipio.gob.mx), sin espacios.',
  'schema.pattern': 'El valor «{value}» no tiene la forma esperada. Revise que no tenga espacios ni caracteres de más.',
  'schema.minimum': 'El valor {value} es menor que el mínimo permitido ({limit}). Escriba una cantidad igual o mayor.',
  'schema.maximum': 'El valor {value} es mayor que el máximo permitido ({limit}). Escriba una cantidad igual o menor.',
  'schema.exclusiveMinimum': 'El valor {value} debe ser mayor que {limit}.',
  'schema.exclusiveMaximum': 'El valor {value} debe ser menor que {limit}.',
  'schema.minLength': 'Este dato está vacío o es demasiado corto. Escriba el valor completo.',
  'schema.maxLength': 'El texto «{value}» es demasiado largo (máximo {limit:carácter|caracteres}). Resúmalo.',
  'schema.minItems': 'La lista está vacía: escriba al menos {limit:elemento|elementos}.',
  'schema.maxItems': 'La lista tiene demasiados elementos (máximo {limit}).',
  'schema.uniqueItems': 'La lista repite un elemento. Quite el repetido.',
  'schema.additionalProperties': 'El dato «{value}» no forma parte del estándar. [[Quite esa columna o muévala a la columna correcta.||Quítelo o muévalo al lugar que le corresponde en el estándar.]]',
  'schema.minProperties': 'Este grupo de datos está vacío. Llénelo o quítelo.',
  'schema.dependencies': 'Este dato necesita otro dato relacionado que falta. [[Complete la fila.||Agréguelo.]]',
  // Program
  'program.required': 'Falta este dato, que el programa pide publicar en todos los casos.[[ Escríbalo en la columna indicada.||]]',
  // A process with neither tender nor anything of its planning (core/checks/planning-content.ts).
  'process.planningEmpty': 'Este proceso no tiene licitación ni datos de planeación: publicado así no diría nada. [[Escriba en su fila al menos la justificación o el presupuesto de la obra (o agregue sus documentos en la hoja «{sheet}»), o los datos de su licitación; si la fila sobra, bórrela.||Agregue su planeación (planning: justificación, presupuesto o documentos) o su licitación (tender).]]',
  // A tender column of a process past planning (core/checks/past-planning.ts): how a process still planned goes back.
  'program.requiredTender': 'Falta este dato de la licitación, que el programa pide publicar en cuanto el proceso tiene licitación.[[ Escríbalo en la columna indicada. Si el proceso aún está en planeación, deje vacías las columnas de la licitación o elija «{planning}» o «{planned}» en su estado.|| Si el proceso aún está en planeación, quite la licitación o dé a su estado el código planning o planned.]]',
  // A grey (derived) column is missing because what it is computed from is (core/checks/program-required.ts).
  // One finding for every grey column of the row made from the same missing value (`count` of them, listed in `derived`).
  'program.requiredDerived': '[[Falta {from}. De ese dato se {count?calcula|calculan} {derived} ({count?la columna gris|las columnas grises}), que el programa pide publicar en todos los casos: escríbalo en la columna indicada; {count?la columna|las columnas} {derived} {count?puede quedar vacía|pueden quedar vacías}.||Falta {from}, del que la plantilla calcula {derivedFields}, que el programa pide publicar en todos los casos. Escriba {count?uno de los dos|ese dato o cada uno de los que se calculan de él}.]]',
  'codelist.unknownOpen': 'El código «{value}» no está en el catálogo. Se permite, pero revise que no sea un error de escritura; si existe un código equivalente en [[la lista desplegable||el catálogo]], úselo.',
  // Identifiers
  'ocid.format': 'El OCID «{value}» no es válido: debe empezar con «ocds-», seguir con los 6 caracteres del prefijo de su institución, un guion y el identificador del proceso (p. ej. ocds-abc123-LP-001-2024).{{suggested| Con el prefijo de su institución sería «{suggested}»[[; escríbalo así también en las demás hojas de este proceso||]].}}',
  'ocid.prefixCase': 'El OCID «{value}» tiene su prefijo en mayúsculas: los prefijos OCID se escriben en minúsculas. Escríbalo «{suggested}» (el resto queda igual)[[, también en las demás hojas de este proceso||]].',
  'ocid.prefix': 'El OCID «{value}» no usa el prefijo de su institución. Debe empezar con «{prefix}-»; corríjalo o revise el prefijo [[en la hoja «Configuración»||registrado de su institución]].',
  'identifier.otherScript': 'El identificador «{value}» tiene caracteres que se ven como letras latinas sin serlo: {letters}. Con ellos es otro identificador, aunque se vea igual que el que conoce quien consulta los datos. Escriba esas letras con el teclado (sin copiar y pegar) aquí y en las demás hojas que lo repiten.',
  'projectId.format': 'El identificador de proyecto «{value}» no es válido: debe empezar con «oc4ids-», seguir con los 6 caracteres del prefijo de su institución, un guion y el identificador local (p. ej. oc4ids-abc123-0001).{{suggested| Con el prefijo de su institución sería «{suggested}»[[; escríbalo así también en las demás hojas de este proyecto||]].}}',
  'ocid.prefixRegistered': 'El OCID «{value}» no usa el prefijo registrado de su institución en la plataforma: debe empezar con «{prefix}-». Corríjalo aquí (el prefijo que diga la hoja «Configuración» no cuenta para publicar); si el registrado no es el suyo, pida a su coordinación que lo corrija.',
  'projectId.prefixRegistered': 'El identificador de proyecto «{value}» no usa el prefijo registrado de su institución en la plataforma: debe empezar con «{prefix}-». Corríjalo aquí (el prefijo que diga la hoja «Configuración» no cuenta para publicar); si el registrado no es el suyo, pida a su coordinación que lo corrija.',
  'projectId.prefix': 'El identificador de proyecto «{value}» no usa el prefijo de su institución. Debe empezar con «{prefix}-»; corríjalo o revise el prefijo [[en la hoja «Configuración»||registrado de su institución]].',
  'rfc.length': 'El RFC «{value}» no es válido: tiene {length:carácter|caracteres} y debe tener 12 (persona moral) o 13 (persona física). Cópielo de la constancia de situación fiscal, sin espacios ni guiones.',
  'rfc.format': 'El RFC «{value}» no es válido: debe tener 3 letras (persona moral) o 4 (persona física), 6 dígitos de fecha y 3 caracteres de homoclave. Cópielo de la constancia de situación fiscal.',
  'rfc.date': 'El RFC «{value}» no es válido: los 6 dígitos de fecha (aammdd) no forman una fecha real. Revise el RFC en la constancia de situación fiscal.',
  'rfc.lowercase': 'Escriba el RFC en mayúsculas, como en la constancia de situación fiscal: «{upper}».',
  'rfc.checkDigit': 'El último carácter del RFC «{value}» (dígito verificador) no corresponde al resto. Verifique el RFC en la constancia de situación fiscal; si es correcto, puede dejarlo así.',
  // References
  'reference.partyByIdentifier': 'El actor «{value}» no está registrado con ese identificador, pero es el RFC o la clave de «{name}», registrado en [[la hoja «{sheet}»||la lista de actores (parties)]] como «{party}». Escriba «{party}»; no lo agregue de nuevo.',
  'reference.unknownParty': 'El actor «{value}» no está registrado en [[la hoja «{sheet}»||la lista de actores (parties)]]. Agréguelo allí (con su RFC y su rol) o corrija el identificador.',
  'reference.missingRole': 'El actor «{value}» existe, pero no tiene el rol «{role}» en [[la hoja «{sheet}»||la lista de actores (parties)]]. Agréguele ese rol.',
  'party.schemeRfcSpelling': 'El esquema del identificador es «{value}»: en EDCA-MX el esquema del RFC se escribe MX-RFC. Escriba MX-RFC en lugar de «{value}»[[ (o deje la celda vacía, que se lee como MX-RFC)]]; el RFC no cambia.',
  'party.schemeNotRfc': 'El esquema del identificador es «{value}», pero en EDCA-MX los actores se identifican con su RFC (esquema MX-RFC). Si el actor tiene RFC, use MX-RFC y escriba el RFC; si es extranjero, use el RFC genérico XEXX010101000.',
  'party.legalNameMissing': 'Falta la razón social de «{value}», que es persona moral. Escríbala tal como aparece en su constancia de situación fiscal.',
  'party.personNameMissing': 'Falta el nombre o el primer apellido de «{value}», que es persona física. [[Escriba nombre(s) y apellidos en sus columnas.||Escriba nombre(s) y apellidos.]]',
  'party.personalityMismatch': 'El tipo de persona «{value}» no corresponde al RFC «{rfc}»: 13 caracteres son de persona física y 12 de persona moral. Corrija uno de los dos.',
  'address.postalCode': 'El código postal «{value}» no es válido: debe tener exactamente 5 dígitos, con el cero inicial si lo tiene (p. ej. 06720). [[Si la hoja de cálculo le quita el cero, escríbalo con un apóstrofo delante (\'06720): así lo guarda como texto.||Escríbalo como texto, no como número.]]',
  'email.format': '«{value}» no es una dirección de correo electrónico completa: escriba una sola dirección de la forma nombre@dominio (p. ej. obras.publicas@municipio.gob.mx), sin espacios ni nombre delante.[[ Si no la tiene, deje la celda vacía.||]]',
  'url.scheme': 'La dirección «{value}» no es un enlace web. Solo se publican enlaces que empiezan con https:// o http://.',
  // A free text is published as written: the filter (core/privacy) only withholds the parties' address and contacts.
  'privacy.personalDataInText': 'El texto contiene lo que parece {kind}: «{value}»{{others|{others}}}. Lo que se escribe aquí se publica tal cual (el filtro de datos personales solo retira el domicilio y los contactos de los actores). Si es un dato personal (la CURP de alguien, el correo o el teléfono particular de una persona), quítelo del texto; si es el de una oficina pública, puede dejarlo.',
  'privacy.withheldPartyData': '«{value}» es persona física y no participa como licitante, proveedor, emisor de cotización ni servidor público: por la protección de sus datos personales, su domicilio, sus contactos, las organizaciones a las que pertenece y su cargo no se publicarán (sí su nombre, su identificador y su rol). No tiene que corregir nada.',
  'text.invisibleCharacters': 'El texto «{text}» contiene caracteres invisibles[[{kinds?}|| ({characters})]] que pueden cambiar cómo se ve o se ordena. Borre el texto y escríbalo de nuevo, sin pegarlo.',
  'text.tooLong': 'El texto que empieza con «{start}» tiene {length:carácter|caracteres}; el máximo es {limit:carácter|caracteres}. Resúmalo y, si hace falta más detalle, publíquelo como documento y ponga aquí su enlace.',
  'text.programLimit': 'El texto tiene {length:carácter|caracteres}; el programa pide como máximo {limit:carácter|caracteres} para este dato. Resúmalo.',
  'document.tooLarge': 'El registro «{value}» es demasiado grande para guardarse (unos {size!n} kB de un máximo de {limit!n} kB). Reduzca los textos largos o divida la información en documentos enlazados.',
  'array.duplicateId': 'El identificador «{value}» se repite (ya lo usa {firstAt}). Cada elemento de la lista debe tener un identificador distinto.',
  // Dates
  'date.periodOrder': 'La fecha de fin ({end!f}) es anterior a la de inicio ({start!f}). Corrija alguna de las dos.',
  'date.awardBeforeTenderEnd': 'La fecha de adjudicación ({value!f}) es anterior al cierre del periodo de licitación ({tenderEnd!f}). Revise ambas fechas.',
  'date.signedBeforeAward': 'El contrato aparece firmado ({value!f}) antes de la adjudicación ({awardDate!f}). Revise ambas fechas.',
  'date.modifiedBeforePublished': 'La fecha de modificación ({second!f}) es anterior a la de publicación ({first!f}). Corrija alguna de las dos.',
  'date.approvalBeforeRequest': 'La fecha de aprobación del presupuesto ({second!f}) es anterior a la de solicitud ({first!f}). Corrija alguna de las dos.',
  // `today` and `timeZone` when the zone is the workbook's (future-dates.ts): an official whose «Zona horaria» is wrong
  // sees which day the platform took for today, and why.
  'date.future': 'La fecha {value!f} está en el futuro, pero se refiere a algo que ya ocurrió{{today| (hoy es {today!f} en la zona horaria del libro, {timeZone})}}. Corríjala o [[deje la celda vacía||quítela]] hasta que ocurra.',
  // Amounts
  'amount.currencyMissing': 'Hay un monto ({amount!n}) sin moneda. Indique la moneda (por ejemplo MXN).',
  'contract.awardNotFound': 'El contrato dice implementar la adjudicación «{value}», pero ninguna adjudicación del proceso tiene esa clave. Escriba la clave tal como está en [[la hoja de adjudicaciones||«awards»]], o agregue primero la adjudicación.',
  'amount.contractZero': 'El contrato vale $0, pero su adjudicación es de {awardValue!m}. Escriba el monto del contrato; si aún no se conoce, deje la celda vacía.',
  'amount.budgetZero': 'El presupuesto de la contratación vale $0, pero el monto estimado de la licitación es de {estimated!m}. Escriba el monto del presupuesto; si aún no se conoce, deje la celda vacía.',
  'amount.contractExceedsAward': 'El monto del contrato ({value!m}) es mayor que el de su adjudicación ({awardValue!m}). Revise los montos o registre la modificación que lo explique.',
  'amount.transactionsExceedContract': 'Los pagos registrados suman {paid!m}, más que el monto del contrato ({value!m}). Revise los pagos o el monto del contrato.',
  'budget.lineId': 'La clave de la línea presupuestaria «{value}» no coincide con sus componentes, que unidos dan «{expected}». Corrija la clave o el componente que esté mal.',
  'metric.progressFraction': 'El avance quedó como {value!n}, menos de 1 %. Si escribió «{percent!n}%», [[la hoja de cálculo lo guardó como fracción||se guardó como fracción]]: escriba {percent!n}, sin el signo %. Si el avance de verdad es menor a 1 %, déjelo así.',
  'metric.progressHundred': 'El avance quedó como 1 %. Si escribió «100%», [[la hoja de cálculo lo guardó como 1||se guardó como 1]]: escriba 100, sin el signo %. Si el avance de verdad es 1 %, déjelo así.',
  'metric.progressRange': 'El avance {value} no es un porcentaje válido: escriba un número de 0 a 100, sin el signo % (p. ej. 45 para 45 %).',
  'amount.breakdownMismatch': 'Las partidas presupuestales suman {sum!m}, pero el presupuesto es de {value!m}. Revise que las partidas y el total coincidan.',
  'amount.negative': 'El monto {value!m} es negativo. Los montos se escriben sin signo menos; si es una reducción, regístrela como modificación.',
  'amount.netExceedsAmount': 'El monto sin impuestos ({value!m}) es mayor que el monto total con impuestos ({amount!m}). Revise los dos montos: el total incluye los impuestos.',
  // Mexican procedure rules
  'tender.methodMismatch': 'El método «{value}» no corresponde al tipo de procedimiento «{details}», que equivale a «{expected}». Corrija uno de los dos.',
  'tender.categoryMismatch': 'La categoría adicional «{value}» no corresponde a la categoría principal «{main}» (le corresponde «{expected}»). Corrija una de las dos.',
  'document.wrongStage': 'El tipo de documento «{value}» no corresponde a la etapa de {stage}. Muévalo a [[la hoja de documentos||los documentos]] de la etapa correcta o cambie el tipo.',
  'status.behindDocuments': 'El estado «{value}» no corresponde a los documentos publicados: con «{document}» el estado debe ser al menos «{expected}»[[||, que se escribe «{expectedCode}»]]. Actualice el estado.',
  'document.keyMissing': 'Faltan documentos que el programa pide para «{method}»: {missing}. Agréguelos en [[la hoja de documentos||los documentos]] de su etapa cuando existan.{{untyped| Si alguno ya está entre {untyped?el documento|los documentos} sin tipo de esta contratación ({untypedNames}), [[elija su «Tipo de documento» en la fila de ese documento||escriba su tipo de documento (documentType)]]: así cuenta.}}',
  // A process still at planning (core/checks/past-planning.ts): only planning documents are expected of it yet.
  'document.keyMissingPlanning': 'Faltan documentos de planeación que el programa pide: {missing}. Agréguelos en [[la hoja «{sheet}»||los documentos de la planeación (planning/documents)]] cuando existan. Los de la licitación se pedirán cuando el proceso la tenga.{{untyped| Si alguno ya está entre {untyped?el documento|los documentos} sin tipo de esta contratación ({untypedNames}), [[elija su «Tipo de documento» en la fila de ese documento||escriba su tipo de documento (documentType)]]: así cuenta.}}',
  'document.keyMissingAnyProcedure': 'Faltan documentos que el programa pide en todo procedimiento: {missing}. Agréguelos en [[la hoja de documentos||los documentos]] de su etapa cuando existan; al elegir el tipo de procedimiento se sabrá si pide otros.{{untyped| Si alguno ya está entre {untyped?el documento|los documentos} sin tipo de esta contratación ({untypedNames}), [[elija su «Tipo de documento» en la fila de ese documento||escriba su tipo de documento (documentType)]]: así cuenta.}}',
  'location.swapped': 'Las coordenadas parecen invertidas (latitud {latitude}, longitud {longitude}): en México la latitud va de 14 a 33 y la longitud de -118 a -86. Intercambie los valores.',
  'location.outsideMexico': 'Las coordenadas (latitud {latitude}, longitud {longitude}) quedan fuera de México. Revise los valores; la longitud en México es negativa.',
  // OC4IDS
  'project.completionWithoutStatus': 'El proyecto tiene datos de conclusión, pero su estado es «{value}». Cambie el estado o quite los datos de conclusión.',
  'project.statusWithoutCompletion': 'El proyecto está en estado de conclusión, pero falta la fecha de conclusión. Escríbala.',
  'project.stageStartedBeyondStatus': 'El estado del proyecto es «{value}», pero [[«{column}»||{field}]] es {date!f}, un día que ya llegó. Si el proyecto ya está en esa etapa, [[elija en esta celda el estado que le corresponde||cambie su estado]]: de él dependen los datos que se le piden. Si no ha llegado a ella, escriba [[en esa columna||ahí]] la nueva fecha prevista.',
  // A project's stages out of order (core/checks/project-stage-order.ts): overlapping stages are warned of, since OC4IDS
  // stages may overlap in practice; a stage over before an earlier one begins is an error.
  'project.stageInverted': '[[«{title}»||{titleField}]] ({value!f}) es anterior a [[«{column}»||{field}]] ({date!f}): esta etapa terminaría antes de que empiece una anterior. Las etapas de un proyecto van en este orden: identificación, preparación, ejecución, conclusión, operación y mantenimiento, retiro. Revise si una de las dos fechas tiene mal el año o es de otra etapa, y corríjala.',
  'project.stageStartsFirst': '[[«{title}»||{titleField}]] ({value!f}) es anterior a [[«{column}»||{field}]] ({date!f}): esta etapa empezaría antes que una anterior (las etapas de un proyecto van en este orden: identificación, preparación, ejecución, conclusión, operación y mantenimiento, retiro). Revise las dos fechas; si de verdad fue o será así, déjelas como están.',
  'project.stageOverlap': '[[«{title}»||{titleField}]] ({value!f}) es anterior a [[«{column}»||{field}]] ({date!f}): esta etapa empieza antes de que termine la anterior. Si de verdad se traslapan (por ejemplo, la obra se licita mientras se obtiene la autorización del presupuesto, o un tramo ya opera mientras otro se entrega), déjelas como están; si no, corrija la fecha que esté mal.',
  // A project's stages against its own planned period (core/checks/project-stage-period.ts): warnings, both are plans.
  'project.stageBeforeProject': '[[«{title}»||{titleField}]] ({value!f}) es anterior a [[«{column}»||{field}]] ({date!f}): la etapa empezaría antes que el proyecto. La identificación y la preparación pueden ser anteriores, pero la ejecución y las etapas que la siguen caen dentro del periodo previsto del proyecto o después. Revise si una de las dos fechas tiene mal el año; si la obra de verdad empezó antes de lo previsto, déjelas como están.',
  'project.stageAfterProject': '[[«{title}»||{titleField}]] ({value!f}) es posterior a [[«{column}»||{field}]] ({date!f}): esta etapa empezaría cuando el proyecto ya debía estar terminado. Revise si una de las dos fechas tiene mal el año. Si el proyecto se reprogramó mientras estaba en preparación, actualice también sus fechas previstas; una vez iniciada la ejecución, la fecha de término prevista no se cambia: con ella se mide el retraso.',
  'project.stageBeyondMaxExtent': '[[«{title}»||{titleField}]] ({value!f}) es posterior a [[«{column}»||{field}]] ({date!f}), la fecha más lejana hasta la que puede extenderse el proyecto: esta etapa terminaría después de ese límite. Revise si una de las dos fechas tiene mal el año; si se autorizó una prórroga mayor, actualice la fecha límite de prórroga.',
  'project.costIdsMissing': '{count?Le falta|Le faltan} {count:dato|datos} del CoST IDS (el estándar de datos de infraestructura de CoST) que {{stage|el estado del proyecto («{stage}») ya pide}}{{allStages|se revisan en todas las etapas, porque el proyecto no dice su estado}}: [[{points}||{fields}]]. No impide publicar: agréguelos en cuanto los tenga, para que la revisión de CoST los encuentre.',
  'link.projectMismatch': 'El proceso «{value}» está ligado [[en su hoja de contrataciones||en su entrega (planning.project.id)]] al proyecto «{linked}», no a «{project}». Corrija el vínculo en [[una de las dos hojas||uno de los dos documentos]].',
  'project.publicAuthorityMultiple': '«{value}» tiene el rol de autoridad pública, pero el proyecto ya tiene una («{first}»). Cada proyecto tiene una sola autoridad pública: quite el rol a uno de los dos.',
  'link.processNotListed': 'El proceso «{value}» dice pertenecer a este proyecto [[en la hoja «Contrataciones»||en su entrega (planning.project.id)]], pero el proyecto no lo lista entre sus procesos de contratación. Agréguelo [[en la hoja «Procesos del proyecto»||en contractingProcesses]]: sin eso, el tablero no los liga.',
  // A project's process published by another implementer (core/summary/foreign-processes.ts; at publication only).
  'link.otherPublisherUnpublished': 'El proceso «{value}» lleva el prefijo de {publisher}, que aún no lo publica: su resumen en este proyecto queda como se capturó[[ en esta fila||]]. Cuando {publisher} publique el proceso, vuelva a publicar este libro para que el resumen tome sus datos.',
  'link.otherPublisherSummary': 'El resumen del proceso «{value}» se tomó de lo que {publisher} publicó (su publicación vigente, del {date}), no de lo capturado aquí. Cuando {publisher} publique cambios del proceso, vuelva a publicar este libro para tomarlos.',
  'link.otherProjectNotListed': 'El proceso {ocid} dice pertenecer al proyecto «{value}», que publica {publisher}, pero ese proyecto no lo lista entre sus procesos de contratación: hasta que lo agregue, la página del proyecto y lo que suma como contratado no lo cuentan. Pida a {publisher} que agregue «{ocid}» a su hoja «Procesos del proyecto» y vuelva a publicar.',
  'link.otherProjectUnpublished': 'El proceso {ocid} dice pertenecer al proyecto «{value}», de {publisher}, que no tiene publicado un proyecto con esa clave. Revise la clave con {publisher}: el proyecto debe listar «{ocid}» entre sus procesos de contratación.',
  'link.modificationReleaseUnknown': 'La modificación cita la entrega «{value}», pero esa entrega no está entre las del proceso {ocid}. Copie el identificador de la entrega OCDS que registra el cambio, tal como se publicó; si no lo conoce, [[deje la celda vacía||quite «releaseID»]].',
  'link.processIdNotOcid': 'El proceso tiene el OCID «{ocid}»[[ en la columna «OCID del proceso»||]], pero su identificador es «{value}». EDCAPI (OC4IDS) pide que el identificador de un proceso con OCID sea ese OCID: escriba «{ocid}» [[en esta celda y en la columna «Identificador del proceso» de sus filas en las hojas de proveedores, modificaciones, avance y pagos del proceso||en «id»]]. Con otro identificador, el tablero no liga el proceso con su página de contratación y, si lo publica otra institución, su resumen no se toma de lo que ella publica.',
  'link.summaryMismatch': 'El dato «{value}» no coincide con el del proceso {ocid}: «{expected}» (el nombre de un proceso en un proyecto es el de su contrato, si tiene uno, o el de su adjudicación o su licitación). Use el mismo valor.',
});
