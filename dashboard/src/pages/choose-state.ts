/**
 * A data page when the whole country is too much to load at once (data/scope.ts) and no state is named: the
 * national counts `/api/publishers` already gives and, per state, a link to the same page for that state. What
 * the reader had typed or filtered (year, sector, keyword…) goes along with the chosen state.
 */
import { h } from '../dom';
import { kpis } from '../components/kpis';
import { dataTable } from '../components/table';
import { filterQuery } from '../data/filters';
import { stateTotals } from '../data/scope';
import { count, heading, plural, type Page } from './common';

/** The page in place of `page` (its title and route kept), listing the states to choose from. */
export function chooseStatePage(page: Page, routeName: string, routeParams: string[]): Page {
  return {
    title: page.title,
    render: ({ ds, query }) => {
      const states = stateTotals(ds.publishers);
      const projects = states.reduce((n, s) => n + s.projects, 0);
      const processes = states.reduce((n, s) => n + s.processes, 0);
      const link = (state: string): string => {
        const q = filterQuery(query);
        q.delete('publisher');
        q.set('state', state);
        return `#/${[routeName, ...routeParams].map(encodeURIComponent).join('/')}?${q}`;
      };
      const title = routeName === '' ? 'Obra pública abierta' : page.title;
      return h('div', null,
        ...heading(title, `Los implementadores de ${plural(states.length, 'estado', 'estados')} han publicado ${plural(projects, 'proyecto', 'proyectos')} y ${plural(processes, 'contratación', 'contrataciones')}: demasiados para verlos todos juntos en su navegador. Elija un estado para ver sus proyectos, contrataciones, contratistas e indicadores; el filtro «Estado» del encabezado cambia de estado cuando quiera.`),
        kpis([
          { label: 'Proyectos de infraestructura', value: count(projects) },
          { label: 'Contrataciones', value: count(processes) },
          { label: 'Implementadores', value: count(states.reduce((n, s) => n + s.publishers, 0)) },
          { label: 'Estados', value: count(states.length) },
        ], 'kpis'),
        dataTable('Elija un estado', [{ title: 'Estado' }, { title: 'Implementadores', numeric: true }, { title: 'Proyectos', numeric: true }, { title: 'Contrataciones', numeric: true }],
          states.map((s) => [h('a', { href: link(s.state) }, s.state), count(s.publishers), count(s.projects), count(s.processes)]),
          { id: 'elegir-estado' }));
    },
  };
}
