/**
 * *Iniciar sesión* (`#/entrar`), the one way into the work pages the public menu offers: the menu shows visitors the
 * public pages only (main.ts), and officials and coordinators sign in here. Once the server names who signed in,
 * the page opens the first work page of their role; their menu then offers the others (WORK_PAGES).
 */
import { h } from '../dom';
import type { Page } from '../pages/common';
import type { Viewer } from '../../../core/workflow/contract';
import { rerender, whoIsSignedIn, withSession } from './session';

/**
 * The work pages each role's menu offers, as the server's policy lets it use them (functions/src/auth/policy.ts):
 * officials send and follow their sends, coordinators review (the stages page is reached from *Revisión*) and account
 * for each month (*Informe mensual*) and read who did what (*Bitácora*), the administration does all of it.
 */
export const WORK_PAGES: Record<Viewer['role'], readonly (readonly [route: string, label: string])[]> = {
  capturista: [['mis-envios', 'Mis envíos']],
  coordinador: [['revision', 'Revisión'], ['informe-mensual', 'Informe mensual'], ['bitacora', 'Bitácora']],
  admin: [['revision', 'Revisión'], ['mis-envios', 'Mis envíos'], ['informe-mensual', 'Informe mensual'], ['bitacora', 'Bitácora']],
};

export const SIGN_IN_ROUTE = 'entrar';

export const signInPage: Page = {
  title: 'Iniciar sesión',
  render: async () => {
    const node = await withSession(async () => {
      const viewer = await whoIsSignedIn();
      const [route, label] = WORK_PAGES[viewer.role][0];
      // Replaced, not added: Back from the work page leaves the sign-in behind instead of opening it again.
      location.replace(`#/${route}`);
      return h('p', { class: 'note' }, `Sesión iniciada. Abriendo «${label}»…`);
    }, rerender);
    // On the form, who it is for (after why it came back, if it did): citizens reading the data need no account.
    // (Not on a server that only publishes: there is no one to sign in, which the page already says.)
    if (node instanceof Element && node.id !== 'sin-inicio-de-sesion') {
      (node.querySelector('#sesion-vencida') ?? node.querySelector('#titulo-entrar'))?.after(h('p', { id: 'entrar-para-quien' },
        'Para las personas servidoras públicas que envían los datos de su institución y las coordinaciones de los Organismos Garantes que los revisan. Para consultar y descargar los datos no necesita iniciar sesión.'));
    }
    return node;
  },
};
