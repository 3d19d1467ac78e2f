/**
 * A data page when what it would load is too much for the browser (data/scope.ts): the counts `/api/publishers`
 * already gives and links to the same page for one state — or, in a state too large itself, for one of its
 * implementers. What the reader had typed or filtered (year, sector, keyword…) goes along with the choice.
 */
import { h } from '../dom';
import { kpis } from '../components/kpis';
import { dataTable } from '../components/table';
import { filterQuery } from '../data/filters';
import { processesOf, projectsOf, stateTotals } from '../data/scope';
import { count, heading, plural, type Page, type PageContext } from './common';

const collator = new Intl.Collator('es-MX');

/** The page in place of `page` (its title and route kept), listing the states — or a state's implementers — to choose from. */
export function chooseScopePage(page: Page, routeName: string, routeParams: string[]): Page {
  return {
    title: page.title,
    render: ({ ds, query, scope }: PageContext) => {
      const link = (set: Record<string, string>): string => {
        const q = filterQuery(query);
        q.delete('publisher');
        for (const [k, v] of Object.entries(set)) q.set(k, v);
        return `#/${[routeName, ...routeParams].map(encodeURIComponent).join('/')}?${q}`;
      };
      const title = routeName === '' ? 'Obra pública abierta' : page.title;
      // A search typed before choosing goes along with the choice (link keeps `q`): say so.
      const searched = query.get('q');
      const searchNote = searched ? h('p', { class: 'note', id: 'busqueda-pendiente' }, `Su búsqueda «${searched}» se hará en lo que elija.`) : null;
      const state = scope.kind === 'choose' ? scope.state : undefined;
      if (state !== undefined) {
        const publishers = ds.publishers.filter((p) => p.state === state && p.currentPublication).sort((a, b) => collator.compare(a.name, b.name));
        const { projects, processes } = stateTotals(publishers)[0] ?? { projects: 0, processes: 0 };
        return h('div', null,
          ...heading(title, `En ${state}, ${plural(publishers.length, 'implementador ha publicado', 'implementadores han publicado')} ${plural(projects, 'proyecto', 'proyectos')} y ${plural(processes, 'contratación', 'contrataciones')}: demasiados para verlos todos juntos en su navegador. Elija un implementador; el filtro «Implementador» del encabezado cambia de implementador cuando quiera.`),
          // «que publican», as Inicio's card says it: those registered that have not published are not counted here.
          kpis([
            { label: 'Proyectos de infraestructura', value: count(projects) },
            { label: 'Contrataciones', value: count(processes) },
            { label: 'Implementadores que publican', value: count(publishers.length) },
          ], 'kpis'),
          searchNote,
          dataTable(`Elija un implementador de ${state}`, [{ title: 'Implementador' }, { title: 'Proyectos', numeric: true }, { title: 'Contrataciones', numeric: true }],
            publishers.map((p) => [h('a', { href: link({ state, publisher: p.id }) }, p.name), count(projectsOf(p)), count(processesOf(p))]),
            { id: 'elegir-implementador' }));
      }
      const states = stateTotals(ds.publishers);
      const projects = states.reduce((n, s) => n + s.projects, 0);
      const processes = states.reduce((n, s) => n + s.processes, 0);
      return h('div', null,
        ...heading(title, `Los implementadores de ${plural(states.length, 'estado', 'estados')} han publicado ${plural(projects, 'proyecto', 'proyectos')} y ${plural(processes, 'contratación', 'contrataciones')}: demasiados para verlos todos juntos en su navegador. Elija un estado para ver sus proyectos, contrataciones, contratistas e indicadores; el filtro «Estado» del encabezado cambia de estado cuando quiera.`),
        kpis([
          { label: 'Proyectos de infraestructura', value: count(projects) },
          { label: 'Contrataciones', value: count(processes) },
          { label: 'Implementadores que publican', value: count(states.reduce((n, s) => n + s.publishers, 0)) },
          { label: 'Estados', value: count(states.length) },
        ], 'kpis'),
        searchNote,
        dataTable('Elija un estado', [{ title: 'Estado' }, { title: 'Implementadores', numeric: true }, { title: 'Proyectos', numeric: true }, { title: 'Contrataciones', numeric: true }],
          states.map((s) => [h('a', { href: link({ state: s.state }) }, s.state), count(s.publishers), count(s.projects), count(s.processes)]),
          { id: 'elegir-estado' }));
    },
  };
}
