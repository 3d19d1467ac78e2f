/** The add-on menu (style guide: sentence case, start with a verb, no sub-menus). */
import type { MenuItem } from './host';

export const ADDON_TITLE = 'Infraestructura Abierta';

export const MENU: readonly MenuItem[] = [
  { label: 'Crear plantilla', functionName: 'menuCreateTemplate' },
  { label: 'Validar datos', functionName: 'menuValidate' },
  { label: 'Quitar marcas', functionName: 'menuRemoveMarks' },
  { label: 'Configurar servidor', functionName: 'menuSettings' },
  { label: 'Ayuda', functionName: 'menuHelp' },
];

/**
 * The steps in the order they are taken: setting the server came last, after «Enviar a revisión», which needs it; and
 * «Su coordinador la aprobará» had no «la» to refer to.
 */
export const HELP_HTML = `<div style="font:13px Arial,sans-serif;line-height:1.5">
<p><b>Infraestructura Abierta</b> le ayuda a capturar y publicar datos de obra pública (EDCAPI y EDCA-MX).</p>
<ol>
<li>La primera vez, <b>Configurar servidor</b>: escriba la dirección que le dio su coordinación (y su clave de acceso si su institución usa un servidor propio).</li>
<li><b>Crear plantilla</b> agrega a esta hoja de cálculo las hojas de captura, con listas desplegables y ayudas en los encabezados. No modifica hojas que ya tienen datos.</li>
<li>Llene la hoja «Configuración» y capture sus proyectos y contrataciones a partir de la fila 3.</li>
<li><b>Validar datos</b> abre el panel y valida todas las hojas: revise los errores y haga clic en cada uno para ir a la celda. Después de corregir, pulse <b>Validar</b> en el panel.</li>
<li>Cuando no haya errores, use <b>Enviar a revisión</b> en el panel. Su coordinación aprobará el envío, que entonces se publica, o se lo devolverá con comentarios, que verá en el panel.</li>
<li><b>Quitar marcas</b> borra los colores y notas que puso la validación; no toca sus propias notas.</li>
</ol></div>`;
