/** The add-on menu (style guide: sentence case, start with a verb, no sub-menus). */
import type { MenuItem } from './host';
import { dialogPage } from './dialog-page';

export const ADDON_TITLE = 'Infraestructura Abierta';
/** The titles of the menu's dialogs: on the dialog's frame and in its page's <title>. */
export const SETTINGS_TITLE = `Configurar servidor — ${ADDON_TITLE}`;
export const HELP_TITLE = `Ayuda — ${ADDON_TITLE}`;

export const MENU: readonly MenuItem[] = [
  { label: 'Crear plantilla', functionName: 'menuCreateTemplate' },
  { label: 'Validar datos', functionName: 'menuValidate' },
  { label: 'Quitar marcas', functionName: 'menuRemoveMarks' },
  { label: 'Configurar servidor', functionName: 'menuSettings' },
  { label: 'Ayuda', functionName: 'menuHelp' },
];

/**
 * The steps in the order they are taken: setting the server came last, after «Enviar a revisión», which needs it; and
 * «Su coordinador la aprobará» had no «la» to refer to. A finding is reached from the keyboard too (an official
 * who does not use the mouse read only «haga clic»).
 */
export const HELP_HTML = dialogPage({ title: HELP_TITLE, style: 'body{font:13px Arial,sans-serif;line-height:1.5}', body: `
<p><b>Infraestructura Abierta</b> le ayuda a capturar y publicar datos de obra pública (EDCAPI y EDCA-MX).</p>
<ol>
<li>La primera vez, <b>Configurar servidor</b>: escriba la dirección que le dio su coordinación (y su clave de acceso si su institución usa un servidor propio).</li>
<li><b>Crear plantilla</b> agrega a esta hoja de cálculo las hojas de captura, con listas desplegables y ayudas en los encabezados. No modifica lo que ya escribió: si su plantilla es de una versión anterior, agrega las hojas que le faltan y, al final de cada hoja, las columnas nuevas.</li>
<li>Llene la hoja «Configuración» y capture sus proyectos y contrataciones a partir de la fila 3.</li>
<li><b>Validar datos</b> abre el panel y valida todas las hojas: revise los errores y haga clic en cada uno (o llegue a él con la tecla Tab y pulse Enter) para ir a la celda. Después de corregir, pulse <b>Validar</b> en el panel.</li>
<li>Cuando no haya errores, use <b>Enviar a revisión</b> en el panel. Su coordinación aprobará el envío, que entonces se publica, o se lo devolverá con comentarios, que verá en el panel.</li>
<li><b>Quitar marcas</b> borra los colores y notas que puso la validación; no toca sus propias notas.</li>
</ol>` });
