/** An address the dashboard does not know: said in Spanish, with the way back (the server's own 404 is in functions/src/app.ts). */
import { h, route } from '../dom';
import { heading, type Page } from './common';

export const notFoundPage: Page = {
  title: 'Página no encontrada',
  render: () => h('div', null,
    ...heading('Página no encontrada', 'La dirección no corresponde a ninguna página del tablero. Puede que el enlace esté incompleto o que la página haya cambiado de nombre.'),
    h('ul', null,
      h('li', null, h('a', { href: route('') }, 'Ir al inicio')),
      h('li', null, h('a', { href: route('proyectos') }, 'Ver la lista de proyectos')),
      h('li', null, h('a', { href: route('glosario') }, 'Consultar el glosario')))),
};
