/** Spanish (es-MX) messages of validation: what is wrong, the value found and how to fix it. The cell is rendered apart. */
import { registerMessages } from '../messages/catalogue';

registerMessages({
  // Schema (EDCA-MX / EDCAPI)
  'schema.required': 'Falta este dato, que el estándar exige. Escríbalo en la columna indicada.',
  'schema.type': 'El valor «{value}» no es del tipo esperado: debe ser {expected}. Corríjalo.',
  'schema.codelist': 'El valor «{value}» no está en el catálogo. Elija una opción de la lista desplegable.',
  'schema.format': 'El valor «{value}» no tiene el formato correcto ({limit}). Las fechas van como fecha de la hoja o aaaa-mm-dd; las direcciones web empiezan con https://; los correos, nombre@dominio.',
  'schema.pattern': 'El valor «{value}» no tiene la forma esperada. Revise que no tenga espacios ni caracteres de más.',
  'schema.minimum': 'El valor {value} es menor que el mínimo permitido ({limit}). Escriba una cantidad igual o mayor.',
  'schema.maximum': 'El valor {value} es mayor que el máximo permitido ({limit}). Escriba una cantidad igual o menor.',
  'schema.exclusiveMinimum': 'El valor {value} debe ser mayor que {limit}.',
  'schema.exclusiveMaximum': 'El valor {value} debe ser menor que {limit}.',
  'schema.minLength': 'Este dato está vacío o es demasiado corto. Escriba el valor completo.',
  'schema.maxLength': 'El texto «{value}» es demasiado largo (máximo {limit} caracteres). Resúmalo.',
  'schema.minItems': 'La lista está vacía: escriba al menos {limit} elemento(s).',
  'schema.maxItems': 'La lista tiene demasiados elementos (máximo {limit}).',
  'schema.uniqueItems': 'La lista repite un elemento. Quite el repetido.',
  'schema.additionalProperties': 'El dato «{value}» no forma parte del estándar. Quite esa columna o muévala a la columna correcta.',
  'schema.minProperties': 'Este grupo de datos está vacío. Llénelo o quítelo.',
  'schema.dependencies': 'Este dato necesita otro dato relacionado que falta. Complete la fila.',
  // Program
  'program.required': 'Falta este dato, que el programa pide publicar en todos los casos. Escríbalo en la columna indicada.',
  'codelist.unknownOpen': 'El código «{value}» no está en el catálogo. Se permite, pero revise que no sea un error de escritura; si existe un código equivalente en la lista desplegable, úselo.',
  // Identifiers
  'ocid.format': 'El OCID «{value}» no es válido: debe empezar con «ocds-», seguir con los 6 caracteres del prefijo de su institución, un guion y el identificador del proceso (p. ej. ocds-abc123-LP-001-2024).',
  'ocid.prefix': 'El OCID «{value}» no usa el prefijo de su institución. Debe empezar con «{prefix}-»; corríjalo o revise el prefijo en la hoja Configuración.',
  'projectId.format': 'El identificador de proyecto «{value}» no es válido: debe empezar con «oc4ids-», seguir con los 6 caracteres del prefijo de su institución, un guion y el identificador local (p. ej. oc4ids-abc123-0001).',
  'projectId.prefix': 'El identificador de proyecto «{value}» no usa el prefijo de su institución. Debe empezar con «{prefix}-»; corríjalo o revise el prefijo en la hoja Configuración.',
  'rfc.length': 'El RFC «{value}» no es válido: tiene {length} caracteres y debe tener 12 (persona moral) o 13 (persona física). Cópielo de la constancia de situación fiscal, sin espacios ni guiones.',
  'rfc.format': 'El RFC «{value}» no es válido: debe tener 3 letras (persona moral) o 4 (persona física), 6 dígitos de fecha y 3 caracteres de homoclave. Cópielo de la constancia de situación fiscal.',
  'rfc.date': 'El RFC «{value}» no es válido: los 6 dígitos de fecha (aammdd) no forman una fecha real. Revise el RFC en la constancia de situación fiscal.',
  'rfc.checkDigit': 'El último carácter del RFC «{value}» (dígito verificador) no corresponde al resto. Verifique el RFC en la constancia de situación fiscal; si es correcto, puede dejarlo así.',
  // References
  'reference.unknownParty': 'El actor «{value}» no está registrado en la hoja de actores. Agréguelo allí (con su RFC y su rol) o corrija el identificador.',
  'reference.missingRole': 'El actor «{value}» existe, pero no tiene el rol «{role}» en la hoja de actores. Agréguele ese rol.',
  'array.duplicateId': 'El identificador «{value}» se repite (ya lo usa el elemento {first} de esta lista). Cada fila debe tener un identificador distinto.',
  // Dates
  'date.periodOrder': 'La fecha de fin ({end}) es anterior a la de inicio ({start}). Corrija alguna de las dos.',
  'date.awardBeforeTenderEnd': 'La fecha de adjudicación ({value}) es anterior al cierre del periodo de licitación ({tenderEnd}). Revise ambas fechas.',
  'date.signedBeforeAward': 'El contrato aparece firmado ({value}) antes de la adjudicación ({awardDate}). Revise ambas fechas.',
  'date.future': 'La fecha {value} está en el futuro, pero se refiere a algo que ya ocurrió. Corríjala o deje la celda vacía hasta que ocurra.',
  // Amounts
  'amount.currencyMissing': 'Hay un monto ({amount}) sin moneda. Indique la moneda (por ejemplo MXN).',
  'amount.contractExceedsAward': 'El monto del contrato ({value} {currency}) es mayor que el de su adjudicación ({awardValue} {currency}). Revise los montos o registre la modificación que lo explique.',
  'amount.transactionsExceedContract': 'Los pagos registrados suman {paid} {currency}, más que el monto del contrato ({value} {currency}). Revise los pagos o el monto del contrato.',
  'amount.breakdownMismatch': 'Las partidas presupuestales suman {sum} {currency}, pero el presupuesto es de {value} {currency}. Revise que las partidas y el total coincidan.',
  // Mexican procedure rules
  'tender.methodMismatch': 'El método «{value}» no corresponde al tipo de procedimiento «{details}», que equivale a «{expected}». Corrija uno de los dos.',
  'tender.categoryMismatch': 'La categoría adicional «{value}» no corresponde a la categoría principal «{main}» (le corresponde «{expected}»). Corrija una de las dos.',
  'document.wrongStage': 'El tipo de documento «{value}» no corresponde a la etapa de {stage}. Muévalo a la hoja de documentos de la etapa correcta o cambie el tipo.',
  'location.swapped': 'Las coordenadas parecen invertidas (latitud {latitude}, longitud {longitude}): en México la latitud va de 14 a 33 y la longitud de -118 a -86. Intercambie los valores.',
  'location.outsideMexico': 'Las coordenadas (latitud {latitude}, longitud {longitude}) quedan fuera de México. Revise los valores; la longitud en México es negativa.',
  // OC4IDS
  'project.completionWithoutStatus': 'El proyecto tiene datos de conclusión, pero su estado es «{value}». Cambie el estado o quite los datos de conclusión.',
  'project.statusWithoutCompletion': 'El proyecto está en estado de conclusión, pero falta la fecha de conclusión. Escríbala.',
  'link.projectMismatch': 'El proceso «{value}» está ligado en su hoja de contrataciones al proyecto «{linked}», no a «{project}». Corrija el vínculo en una de las dos hojas.',
  'link.summaryMismatch': 'El dato «{value}» no coincide con el del proceso {ocid} en la hoja de contrataciones («{expected}»). Use el mismo valor.',
});
