/**
 * The dashboard's one gate for links taken from the data (dashboard/src/safe-url.ts, used by dom.ts): history publishes releases as they
 * were, `javascript:` and `data:` links included (only warned of), so the page must never make them links.
 */
import { safeUrl } from '../../dashboard/src/safe-url';

test('only absolute http(s) addresses become links', () => {
  for (const bad of ['javascript:alert(1)', ' javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>alert(1)</script>',
    'vbscript:x', 'file:///C:/x.pdf', '//evil.example/x', '/api/x', 'https://x.mx/a b', 'https://x.mx/\njavascript:alert(1)', 5, null, undefined]) expect(safeUrl(bad)).toBeUndefined();
  expect(safeUrl('https://compranet.gob.mx/doc.pdf')).toBe('https://compranet.gob.mx/doc.pdf');
  expect(safeUrl('HTTP://x.mx')).toBe('HTTP://x.mx');
});
