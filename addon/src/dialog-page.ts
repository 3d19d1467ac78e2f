/**
 * The HTML document of a dialog the add-on's menu opens (HtmlService: «Configurar servidor», «Ayuda»): in Spanish for
 * screen readers (`lang="es-MX"`, as the sidebar: without it a reader's voice is the one of its own settings, and
 * «Ayuda», a bare <div>, had none), titled as the dialog, its content a `main` landmark.
 */
const escapeText = (s: string): string => s.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`);

export function dialogPage(o: { title: string; style: string; body: string }): string {
  return `<!DOCTYPE html><html lang="es-MX"><head><meta charset="utf-8"><title>${escapeText(o.title)}</title><style>
${o.style}</style></head><body><main>
${o.body}
</main></body></html>`;
}
