/** *Glosario*: the terms the pages use, in plain Spanish, aligned with Mexican public-works vocabulary. */
import { h, route } from '../dom';
import { heading, type Page } from './common';
import { PROGRAM_STAGES_TEXT } from '../labels';

const TERMS: [string, string][] = [
  ['Adjudicación', 'Decisión de la institución compradora que asigna el contrato a uno o más contratistas, con su monto.'],
  ['Adjudicación directa', 'Método de contratación en el que la institución elige al contratista sin concurso, en los casos que permite la ley.'],
  ['Avance financiero', 'Porcentaje del monto del proyecto que ya se pagó, según lo publica el implementador. Si no lo publica, la página del proyecto lo calcula como lo pagado en sus procesos entre lo que suman con IVA sus contratos, en pesos (los pagos se publican con IVA), y lo dice («pagado entre contratado con IVA, calculado»), con las columnas del CSV de cada proceso que lo dan.'],
  ['Avance físico', 'Porcentaje de la obra ejecutada, según los reportes de avance que publica el implementador.'],
  ['Clave en el registro', 'Identificador de una institución o contratista que no es su RFC, sino la clave que le da otro registro; el tablero dice cuál, como lo publicó el implementador (por ejemplo «Clave en el registro MX-INAI: 610»).'],
  ['Clave presupuestaria', 'Código con el que la hacienda pública identifica el origen y destino de los recursos de un proyecto; el desglose del presupuesto la muestra por partida.'],
  ['Competencia', 'Número de licitantes que presentaron propuesta en un proceso: baja (1), normal (de 2 a 5) o alta (más de 5).'],
  ['Contratación (proceso de)', 'Conjunto de etapas —planeación, licitación, adjudicación, contrato y ejecución— con que se contrata una obra o un servicio. Se identifica con un ocid.'],
  ['Contratista', 'Persona física o moral a la que se adjudicó un contrato. El tablero reúne en un solo contratista lo publicado con el mismo RFC, aunque cada implementador lo identifique con otra clave o escriba su nombre de otra forma; su página muestra esas otras formas del nombre. Los RFC genéricos del SAT (XAXX010101000, XEXX010101000) no reúnen a nadie.'],
  ['Contrato', 'Acuerdo firmado entre la institución y el contratista, con su monto, vigencia y, en su caso, convenios modificatorios.'],
  ['Convenio modificatorio', 'Cambio formal a un contrato vigente: de monto, de plazo o de alcance.'],
  ['Desierto (proceso de contratación)', 'Etapa de un proceso cuya licitación o todas sus adjudicaciones se declararon desiertas: no hubo una propuesta aceptable. No es una cancelación de la institución; suele seguirle una nueva convocatoria, con otro ocid.'],
  ['EDCA-MX', 'Estándar de Datos de Contrataciones Abiertas de México, basado en el estándar internacional OCDS.'],
  ['EDCAPI', 'Estándar de Datos para las Contrataciones de Proyectos de Infraestructura, basado en el estándar internacional OC4IDS.'],
  ['Ejecución', 'Etapa en la que se realiza la obra o el servicio contratado y se hacen los pagos.'],
  ['Etapa del proyecto', 'Momento del ciclo de vida del proyecto: identificación, preparación, ejecución, conclusión, operación y mantenimiento, retiro o cancelado.'],
  ['Etapas del programa', PROGRAM_STAGES_TEXT],
  ['Implementador', 'Dependencia, entidad o municipio que captura y publica sus datos en el programa.'],
  ['Institución pública', 'Dependencia o entidad responsable de un proyecto (autoridad pública) o que compra en una contratación (institución compradora).'],
  ['Invitación a cuando menos tres personas', 'Método de contratación en el que la institución invita a un número limitado de participantes, al menos tres.'],
  ['JSON', 'Formato de archivo de texto para intercambiar datos entre programas; los paquetes de datos del tablero están en JSON.'],
  ['Licitación pública', 'Método de contratación abierto a cualquier interesado que cumpla los requisitos de la convocatoria.'],
  ['Licitante', 'Persona física o moral que presentó una propuesta en un proceso de contratación.'],
  ['Monto adjudicado', 'Suma de los montos de las adjudicaciones vigentes (no las canceladas), también de las que aún no tienen contrato publicado.'],
  ['Monto contratado', 'Suma de los montos de los contratos firmados, como los publica cada implementador. Un contrato que publica su monto solo con IVA (el campo «valueWithTax» de EDCA-MX) se suma por ese monto, y el tablero lo marca «con IVA» en cada contrato, en su proceso y en las sumas que lo incluyen, con cuánto suma; en los CSV va en su propia columna («monto_contrato_con_iva», «contratado_con_iva_mxn», también en el CSV de Proyectos). Un contrato que publica los dos montos se suma por «value», como lo publica; si «valueWithTax» es ese monto más el IVA (16 % u 8 %), la página del proceso marca el monto «sin IVA» y da al lado el monto con IVA.'],
  ['Monto pagado', 'Suma de los pagos registrados en la ejecución de los contratos.'],
  ['OC4IDS', 'Estándar de Datos de Contrataciones Abiertas para Infraestructura (Open Contracting for Infrastructure Data Standard); base de EDCAPI.'],
  ['OCDS', 'Estándar de Datos de Contrataciones Abiertas (Open Contracting Data Standard); base de EDCA-MX.'],
  ['ocid', 'Identificador único y permanente de un proceso de contratación en EDCA-MX.'],
  ['Organismo Garante', 'Órgano de transparencia que coordina y revisa las publicaciones de los implementadores de su estado.'],
  ['Planeación', 'Etapa previa a la licitación: justificación, presupuesto y estudios de la contratación.'],
  ['Presupuesto', 'Monto asignado al proyecto; puede desglosarse por fuente o clave presupuestaria.'],
  ['Proyecto de infraestructura', 'Obra pública con un propósito, una ubicación y un presupuesto, que puede necesitar uno o varios procesos de contratación.'],
  ['RFC', 'Registro Federal de Contribuyentes; identifica a contratistas e instituciones (en los datos, con el prefijo «MX-RFC-»). Una clave de otro registro se muestra como «Clave en el registro».'],
  ['Sin dato', 'El implementador no publicó ese dato. No significa cero.'],
  ['Valor final', 'Monto total del proyecto al concluir, que puede diferir del presupuesto y del monto contratado.'],
  ['Vigente (proceso de contratación)', 'Estado de un proceso en los datos de un proyecto (EDCAPI): se adjudicó al menos un contrato y no todos han concluido. Abarca la contratación y la ejecución; la columna «Etapa» de la página del proyecto dice en cuál de las dos está.'],
];

export const glossaryPage: Page = {
  title: 'Glosario',
  render: () => h('div', null,
    ...heading('Glosario', 'Significado de los términos que usa el tablero. Más sobre el origen de los datos en Acerca.'),
    h('dl', { class: 'glossary', id: 'glosario' }, TERMS.map(([t, d]) => h('div', null, h('dt', { id: `termino-${t.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '-')}` }, t), h('dd', null, d)))),
    h('p', null, h('a', { href: route('acerca'), class: 'own-line' }, 'Acerca de los datos'))),
};
