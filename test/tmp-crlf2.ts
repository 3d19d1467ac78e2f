import { openSource } from '../functions/src/cli/open-source';
(async () => {
  const wb = await openSource(process.argv[2]).read();
  for (const s of wb.sheets) for (const row of s.rows) for (const c of row) if (typeof c === 'string' && /Proveedores:/.test(c)) console.log(s.name, JSON.stringify(c.slice(c.indexOf("Proveedores:"), c.indexOf("Proveedores:")+20)));
})();
