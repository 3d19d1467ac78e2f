/**
 * The dashboard's pages, by the name their address starts with (`#/proyectos`, `#/proyecto/{id}`): the dashboard's
 * router is typed by this list (dashboard/src/main.ts), and the server — and Firebase Hosting, by the redirect and
 * the rewrite to the `api` function that firebase.json gets from this list (functions/src/server/dashboard-addresses.ts)
 * — sends an address of one of them pasted without its `#` (`/proyecto/…`, a shared link whose `#` was lost) to the
 * page, not to «Página no encontrada».
 */
export const DASHBOARD_PAGES = [
  '', 'proyectos', 'proyecto', 'contrataciones', 'contratacion', 'contratistas', 'contratista', 'instituciones', 'institucion',
  'indicadores', 'calidad', 'seguimiento', 'pendientes', 'descargas', 'acerca', 'glosario',
  'revision', 'mis-envios', 'etapas', 'informe-mensual', 'bitacora', 'entrar',
] as const;

export type DashboardPage = (typeof DASHBOARD_PAGES)[number];

/**
 * The pages whose address names a document below theirs (`#/proyecto/{id}`, `#/revision/{id}`), each with the list
 * it belongs to: where its address without the id goes (`#/proyecto/` → `#/proyectos`).
 */
export const LIST_OF_DOCUMENT: Readonly<Partial<Record<DashboardPage, DashboardPage>>> = {
  proyecto: 'proyectos', contratacion: 'contrataciones', contratista: 'contratistas', institucion: 'instituciones', revision: 'revision',
  // An implementer's pending list (`#/pendientes/{id}`) is reached from its row on Seguimiento.
  pendientes: 'seguimiento',
};

/** Those pages. */
export const DOCUMENT_PAGES: ReadonlySet<string> = new Set(Object.keys(LIST_OF_DOCUMENT));
