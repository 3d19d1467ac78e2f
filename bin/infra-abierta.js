#!/usr/bin/env node
// Entry of `npx infra-abierta`: the bundled CLI, dist/cli.js, written by scripts/build.ts (which `npm install` runs as
// `prepare`, and `npm run build` first; `npm install` does not build the dashboard or the add-on).
const fs = require('fs');
const os = require('os');
const path = require('path');
const cli = path.join(__dirname, '..', 'dist', 'cli.js');
let refused;
try {
  fs.accessSync(cli, fs.constants.R_OK);
} catch (e) {
  refused = e && e.code;
}
// Built by root with a umask that keeps others out (027 on hardened servers), the build is there but the server's own
// user (docs/operations.md: the commands run as it) cannot read it: «Falta construir» sent the person building again,
// to the same end, and a file it could see but not read ended in Node's English stack trace.
if (refused === 'EACCES' || refused === 'EPERM') {
  let user;
  try { user = os.userInfo().username; } catch { user = String(process.getuid ? process.getuid() : ''); }
  console.error(`El usuario «${user}» no puede leer la herramienta ya construida («${cli}»): quien instaló o construyó el proyecto tenía una umask que no deja leer a los demás usuarios (como 027). Como root, en la carpeta del proyecto: «chmod -R o+rX .» (docs/operations.md, «Servidor propio en producción»).`);
  process.exit(2);
}
if (refused !== undefined) {
  console.error('Falta construir la herramienta: ejecute «npm run build» en la carpeta del proyecto.');
  process.exit(2);
}
process.env.METADATA_SERVER_DETECTION = process.env.METADATA_SERVER_DETECTION || 'none';
require(cli);
