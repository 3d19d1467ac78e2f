#!/usr/bin/env node
// Entry of `npx infra-abierta`: the bundled CLI (built by `npm run build`, which `npm install` runs via `prepare`).
const fs = require('fs');
const path = require('path');
const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  console.error('Falta construir la herramienta: ejecute «npm run build» en la carpeta del proyecto.');
  process.exit(2);
}
process.env.METADATA_SERVER_DETECTION = process.env.METADATA_SERVER_DETECTION || 'none';
require(cli);
