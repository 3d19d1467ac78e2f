/**
 * *Calidad de datos*: per implementer, the share of the program's fields filled (projects, processes), CoST IDS
 * coverage and the date of the last update; per field, how many documents fill it. The figures come from
 * `/api/stats` (computed at publication by core/stats/quality-stats.ts); each share is written as a number, the
 * shading only repeats it.
 */
import { COST_IDS_ELEMENTS, COST_IDS_STAGE_LABELS } from '../../../core/stats/cost-ids';
import { h, route, type Child } from '../dom';
import { calendarDate, formatNumber } from '../../../core/format/es-mx';
import { csvButton } from '../components/download';
import { loadStats } from '../api';
import { scopeQuery } from '../data/scope';
import { matchesPublisher, matchesPublisherSearch } from '../data/filters';
import { dataTable } from '../components/table';
import { count, date, heading, publisherSearchNote, unfollowedFiltersNote, NO_DATA, percent, type Page } from './common';

const shade = (share: number): string => `heat heat-${Math.min(4, Math.floor(share * 5))}`;
const cell = (share: number | undefined): Node => (share === undefined ? document.createTextNode(NO_DATA) : h('span', { class: shade(share) }, percent(share)));
/** An implementer's pooled share of its projects or processes: «No aplica» when it publishes none of them. */
const shareOf = (documents: number | undefined, share: number | undefined): Node => (documents === 0 ? document.createTextNode('No aplica') : cell(share));

export const qualityPage: Page = {
  title: 'Calidad de datos',
  render: async ({ scope, filters, query }) => {
    // The implementers of the header's Estado and Implementador filters, as on every other page, and of its search
    // (by name or state: the rows here are implementers).
    const chosen = (await loadStats(scopeQuery(scope))).filter((s) => s.data && matchesPublisher(filters, s));
    const stats = chosen.filter((s) => matchesPublisherSearch(filters, s, s.publisherId));
    const fields = stats[0]?.data?.quality?.fields ?? [];
    type Field = (typeof fields)[number];
    const key = (f: Pick<Field, 'standard' | 'field'>): string => `${f.standard}\u0000${f.field}`;
    // Each implementer's share of each field, indexed once: the tables and the averages read it fields × implementers
    // times (567 × up to STATS_MAX_PUBLISHERS), where a search of the implementer's list each time was quadratic.
    const shares = stats.map((s) => new Map((s.data?.quality?.fields ?? []).map((f) => [key(f), f.total ? f.filled / f.total : undefined])));
    const fieldColumns = [{ title: 'Campo' }, { title: 'Estándar' }, ...stats.map((s) => ({ title: s.name, numeric: true }))];
    const fieldRow = (f: Field): Child[] => [f.title, f.standard === 'ocds' ? 'EDCA-MX' : 'EDCAPI', ...shares.map((m) => cell(m.get(key(f))))];
    /** The field's share averaged over the implementers that publish documents of its standard (1 when none does: not «least filled»). */
    const average = (f: Field): number => {
      const known = shares.map((m) => m.get(key(f))).filter((x): x is number => x !== undefined);
      return known.length ? known.reduce((a, b) => a + b, 0) / known.length : 1;
    };
    return h('div', null,
      ...heading('Calidad de datos', 'Qué tan completos están los datos que publica cada implementador. Se cuenta lo que se publica, no se juzga si es correcto.'),
      unfollowedFiltersNote(filters),
      publisherSearchNote(filters, query, stats.length, chosen.length),
      // How the shares are counted (core/validate/completeness.ts, pooled in core/stats/quality-stats.ts), so that a
      // reviewer who quotes them can recompute them from the published data: the page said only «qué tan completos».
      h('p', { id: 'nota-completitud' }, 'Campos llenos: de los campos de la plantilla (sin las columnas de identificadores), la parte que llenan todos los proyectos (o todos los procesos) del implementador juntos: los campos llenos de todos ellos entre los campos que les corresponden a todos ellos. Un campo de una hoja con varias filas (documentos, pagos) cuenta como lleno si alguna fila lo llena. A un proceso no se le cuentan los campos de una etapa a la que no ha llegado: los de la licitación mientras está en planeación, los de la adjudicación hasta que tiene adjudicación o contrato, los del contrato hasta que lo tiene. A un proyecto no se le cuentan las fechas de las etapas a las que su estado dice que no ha llegado (las de conclusión, operación y retiro mientras está en ejecución; a uno cancelado, solo se le cuentan las de identificación). «No aplica»: el implementador no publica proyectos (o procesos).'),
      dataTable('Completitud por implementador', [{ title: 'Implementador' }, { title: 'Proyectos', numeric: true }, { title: 'Procesos', numeric: true }, { title: 'Campos llenos en proyectos', numeric: true }, { title: 'Campos llenos en procesos', numeric: true }, { title: 'Última actualización' }],
        // An implementer without projects (or processes) has no share of them: quality-stats.ts pools nothing into 0,
        // which read «0 %», as if it published them all empty.
        stats.map((s) => [s.name, count(s.data?.projects ?? 0), count(s.data?.processes ?? 0), shareOf(s.data?.projects, s.data?.quality?.projectsShare), shareOf(s.data?.processes, s.data?.quality?.processesShare), date(s.publishedAt)]), { id: 'tabla-completitud' }),
      // The figures for a report, as data (R14: an auditor copied them from the page): shares as proportions (0 to 1,
      // unrounded), empty where the page says «No aplica»; dates aaaa-mm-dd, as Seguimiento's CSV.
      csvButton('calidad-completitud', ['clave', 'implementador', 'estado', 'proyectos', 'procesos', 'campos_llenos_proyectos', 'campos_llenos_procesos', 'ultima_actualizacion'],
        () => stats.map((s) => [s.publisherId, s.name, s.state, s.data?.projects ?? 0, s.data?.processes ?? 0, s.data?.projects ? s.data.quality?.projectsShare : null, s.data?.processes ? s.data.quality?.processesShare : null, calendarDate(s.publishedAt)]),
        'Descargar CSV', 'Descargar CSV de la completitud por implementador'),
      h('h2', null, 'Cobertura de los datos del CoST IDS'),
      // Each point counts the projects it is due for (core/stats/cost-ids.ts): a project still in identification is not
      // short of the contract it has not signed; one that discloses a point early counts as disclosing it.
      h('p', null, 'Proporción de proyectos que publican cada dato del estándar de datos de infraestructura de CoST (IDS), entre los proyectos cuyo estado ya llegó a la etapa de ese dato (o que lo publican antes). «No aplica»: ningún proyecto del implementador ha llegado a esa etapa o tiene qué reportar en ese dato (un contrato adjudicado, una modificación). En la página de cada proyecto se ve qué datos le faltan; ',
        // Each implementer's whole list, with where to capture each point (pages/pending.ts): reached from its row on Seguimiento.
        stats.length === 1
          ? [`todo lo que le falta a ${stats[0].name}, con la hoja y las columnas de la plantilla donde se captura, en `, h('a', { href: route('pendientes', stats[0].publisherId) }, 'Pendientes por completar'), '.']
          : ['lo que le falta a cada implementador, con la hoja y las columnas de la plantilla donde se captura, en «Pendientes por completar», desde su fila en ', h('a', { href: route('seguimiento') }, 'Seguimiento'), '.']),
      // No implementer in the selection (one registered that has not published, a state without any): the table says
      // so, as the others do. It listed the 30 CoST elements under «Dato» with no column of figures beside them.
      dataTable('Cobertura CoST IDS por implementador', [{ title: 'Dato' }, { title: 'Etapa' }, ...stats.map((s) => ({ title: s.name, numeric: true }))],
        (stats.length ? COST_IDS_ELEMENTS : []).map((e) => [e.label, COST_IDS_STAGE_LABELS[e.stage], ...stats.map((s) => {
          const c = s.data?.quality?.costIds.find((x) => x.id === e.id);
          // How many of how many beside the share: 100 % of 1 project and of 40 are not the same finding for a reviewer.
          return c && c.total ? [cell(c.disclosed / c.total), h('br'), h('small', null, `${count(c.disclosed)} de ${count(c.total)}`)] : c ? 'No aplica' : NO_DATA;
        })]), { id: 'tabla-cost-ids' }),
      // One row per implementer and point: how many projects publish it of how many it is due for (0 of 0: «No aplica»).
      csvButton('calidad-cost-ids', ['clave', 'implementador', 'dato', 'etapa', 'proyectos_que_lo_publican', 'proyectos_a_los_que_corresponde'],
        () => stats.flatMap((s) => COST_IDS_ELEMENTS.map((e) => {
          const c = s.data?.quality?.costIds.find((x) => x.id === e.id);
          return [s.publisherId, s.name, e.label, COST_IDS_STAGE_LABELS[e.stage], c?.disclosed, c?.total];
        })),
        'Descargar CSV', 'Descargar CSV de la cobertura CoST IDS'),
      h('h2', null, 'Completitud por campo'),
      // Every field of every implementer, with its counts: the folded table's shares, and what they are made of.
      csvButton('calidad-campos', ['clave', 'implementador', 'estandar', 'campo', 'ruta', 'documentos_que_lo_llenan', 'documentos'],
        () => stats.flatMap((s) => (s.data?.quality?.fields ?? []).map((f) => [s.publisherId, s.name, f.standard === 'ocds' ? 'EDCA-MX' : 'EDCAPI', f.title, f.field, f.filled, f.total])),
        'Descargar CSV', 'Descargar CSV de los campos llenos por implementador'),
      // The program has hundreds of fields: the least filled first (what to ask implementers for), then every one, folded.
      // The fields are those of the implementers' figures: without any, no count («Los 0 campos menos llenos», «Todos los
      // campos del programa (0)» read as a program without fields).
      dataTable(`Los ${fields.length ? `${formatNumber(Math.min(LEAST_FILLED, fields.length), 0)} ` : ''}campos menos llenos (promedio de los implementadores)`, fieldColumns,
        leastFilled(fields, average).map(fieldRow), { id: 'tabla-campos-menos-llenos' }),
      h('details', { class: 'todos-los-campos' }, h('summary', null, `Todos los campos del programa${fields.length ? ` (${formatNumber(fields.length, 0)})` : ''}`),
        dataTable('Porcentaje de proyectos o procesos que llenan cada campo del programa, por implementador', fieldColumns, fields.map(fieldRow), { id: 'tabla-campos' })));
  },
};

/** How many of the least filled fields Calidad lists before the folded table of all of them. */
const LEAST_FILLED = 15;

/** The LEAST_FILLED fields of lowest `average` (each computed once), in template order among equals. */
function leastFilled<T>(fields: T[], average: (f: T) => number): T[] {
  return fields.map((f) => ({ f, share: average(f) })).sort((a, b) => a.share - b.share).slice(0, LEAST_FILLED).map(({ f }) => f);
}
