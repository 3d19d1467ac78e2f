/** *Acerca*: what the data are, who publishes them, their licences and how to cite them. */
import { h, externalLink, route } from '../dom';
import { dataTable } from '../components/table';
import { count, date, heading, NO_DATA, plural, type Page } from './common';
import { licenseName } from '../labels';
import { formatList } from '../../../core/format/es-mx';

/** Implementers not yet publishing named one by one on Acerca, up to this many; beyond it, their number. */
const NAMED_WAITING = 12;

export const aboutPage: Page = {
  title: 'Acerca',
  render: ({ ds }) => {
    // The example cites the first implementer that published: its year of publication and its own file, which a
    // reader who follows the address finds published by that implementer (it cited the file of every implementer,
    // published by the platform, with the year of the visit).
    const cited = ds.publishers.find((p) => p.currentPublication) ?? ds.publishers[0];
    const published = cited?.currentPublication?.createdAt;
    const year = /\d{4}$/.exec(date(published))?.[0] ?? String(new Date().getFullYear());
    // The table lists who publishes: a registered implementer with nothing published yet has no licence, policy or
    // data to cite, and its row («0 proyectos», «Sin dato») read as if it had published nothing useful. Named
    // below instead, with Seguimiento for where each one stands.
    const publishing = ds.publishers.filter((p) => p.currentPublication);
    const waiting = ds.publishers.filter((p) => !p.currentPublication);
    const file = `${location.origin}/api/bulk/projects.json${cited ? `?publisher=${encodeURIComponent(cited.id)}` : ''}`;
    return h('div', null,
      ...heading('Acerca de los datos', 'Infraestructura Abierta reúne la información de obra pública que publican las dependencias, entidades y municipios participantes, para que cualquier persona pueda consultarla, descargarla y reutilizarla.'),
      h('h2', null, 'Qué datos son'),
      h('p', null, 'Cada implementador captura sus proyectos de infraestructura y sus contrataciones en la plantilla del programa. Antes de publicarse, los datos se validan y un Organismo Garante los revisa. Se publican en dos estándares abiertos:'),
      h('ul', null,
        h('li', null, h('strong', null, 'EDCAPI'), ': el Estándar de Datos para las Contrataciones de Proyectos de Infraestructura, basado en OC4IDS 0.9 (proyectos: identificación, presupuesto, ubicación, avance, conclusión).'),
        h('li', null, h('strong', null, 'EDCA-MX'), ': el Estándar de Datos de Contrataciones Abiertas de México, basado en OCDS 1.1 (procesos de contratación: planeación, licitación, adjudicación, contrato y ejecución).')),
      h('p', null, 'El tablero muestra lo que se publica, tal como se publica: no corrige ni completa datos. Lo que falta se indica como «Sin dato», y la página ', h('a', { href: route('calidad') }, 'Calidad de datos'), ' mide qué tan completa es cada publicación. Los montos se suman solo en pesos mexicanos; los montos en otras monedas se cuentan aparte.'),
      h('h2', null, 'Quién publica'),
      dataTable('Implementadores que publican', [{ title: 'Implementador' }, { title: 'Estado' }, { title: 'Proyectos publicados', numeric: true }, { title: 'Licencia' }, { title: 'Política de publicación' }, { title: 'Última publicación' }],
        publishing.map((p) => [p.name, p.state, count(p.currentPublication?.counts.projects ?? 0), p.license ? externalLink(p.license, licenseName(p.license)) : NO_DATA, p.publicationPolicy ? externalLink(p.publicationPolicy) : NO_DATA, date(p.currentPublication?.createdAt)]),
        { id: 'tabla-publicadores', empty: 'Ningún implementador ha publicado datos todavía.' }),
      // Named while they are a few; a national roll-out registers hundreds ahead of their first publication, and a
      // note naming them all buried the page: then their number, and Seguimiento lists them by state.
      waiting.length ? h('p', { class: 'note', id: 'sin-publicar' }, `${plural(waiting.length, 'implementador registrado aún no publica', 'implementadores registrados aún no publican')} datos`,
        waiting.length <= NAMED_WAITING ? `: ${formatList(waiting.map((p) => `${p.name} (${p.state})`))}` : '', '. Su avance está en ', h('a', { href: route('seguimiento') }, 'Seguimiento'), '.') : null,
      h('h2', null, 'Licencias'),
      h('p', null, 'Cada implementador declara la licencia de sus datos (columna «Licencia»). Cuando es una licencia abierta, los datos pueden copiarse, modificarse y redistribuirse, también con fines comerciales, citando la fuente. Si un implementador no declara licencia, consulte su política de publicación antes de reutilizar sus datos.'),
      h('p', null, 'El mapa de los estados proviene de @svg-maps/mexico (licencia CC BY 4.0); las posiciones en el mapa son aproximadas.'),
      h('h2', null, 'Cómo citar'),
      h('p', null, 'Cite al implementador que publicó los datos, el estándar, la fecha de consulta y la dirección de descarga. Por ejemplo:'),
      h('blockquote', { class: 'cite' }, `${cited?.name ?? 'Nombre del implementador'} (${year}). Proyectos de infraestructura en EDCAPI (OC4IDS 0.9). Infraestructura Abierta. Consultado el ${date(new Date().toISOString())} en ${file}`),
      h('p', null, 'Todas las descargas y la API están en ', h('a', { href: route('descargas') }, 'Descargas y API'), '; los términos usados en el tablero, en el ', h('a', { href: route('glosario') }, 'Glosario'), '.'));
  },
};
