#!/usr/bin/env node
// Entry of `npx infra-abierta`: the bundled CLI, dist/cli.js, written by scripts/build.ts (which `npm install` runs as
// `prepare`, and `npm run build` first; `npm install` does not build the dashboard or the add-on).
const fs = require('fs');
const path = require('path');
const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  console.error('Falta construir la herramienta: ejecute «npm run build» en la carpeta del proyecto.');
  process.exit(2);
}
process.env.METADATA_SERVER_DETECTION = process.env.METADATA_SERVER_DETECTION || 'none';
require(cli);
