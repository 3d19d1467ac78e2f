/**
 * `npx infra-abierta …`: thin commands over the core and the backend (clasp's model: core logic, thin commands).
 * Every failure a person can cause ends in a Spanish message and an exit code, never a stack trace.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs, stringOption, UsageError } from './args';
import { convertCommand, validateCommand, type CliIo } from './convert-command';
import { usersCommand } from './users-command';
import { publishersCommand } from './publishers-command';
import { openCliStore } from './cli-store';
import { importCommand } from './import-command';
import { compileCommand } from './compile-command';
import { publishCommand } from './publish-command';
import { SourceError } from '../ingest/sheet-source';
import { ConfigError, loadConfig } from '../config';
import { templateBuffer } from '../xlsx/write-template';
import { templateSpec } from '../../../core/template/template-spec';
import { openLocalStore } from '../server/local-store';
import { startLocalServer } from '../server/local-server';
import { isClusterWorker, runClusterWorker, startClusterPrimary } from '../server/cluster';
import * as os from 'os';

const HELP = `Infraestructura Abierta — herramientas de línea de comandos

  infra-abierta template [-o plantilla.xlsx]        Escribe la plantilla en blanco (EDCAPI + EDCA-MX)
  infra-abierta validate libro.xlsx [--json] [--todos]  Valida un libro (o una carpeta de .csv) y lista los problemas
  infra-abierta convert libro.xlsx -o salida.json  Convierte a paquetes EDCA-MX (OCDS) y EDCAPI (OC4IDS)
  infra-abierta import paquete.json -o libro.xlsx  Convierte paquetes ya publicados a la plantilla
  infra-abierta compile paquete.json [otro.json …] -o registros.json  Compila entregas OCDS (de cualquier publicador) en registros
  infra-abierta publish libro.xlsx --publicador ID Publica un libro en la base local (administración)
  infra-abierta serve [--puerto 8080] [--procesos N|todos]  Inicia la API y el tablero con la base local (SQLite);
                                                   con --procesos, N procesos atienden el mismo puerto
  infra-abierta users add --email correo --rol capturista|coordinador|admin [--publicador id | --entidad Estado]
  infra-abierta users list | users remove --email correo
  infra-abierta publishers add ID --nombre "…" --entidad "…" --prefijo-ocid ocds-xxxxxx --prefijo-proyectos oc4ids-xxxxxx
                [--orden municipal|estatal|federal|autonomo] [--licencia URL] [--politica URL] [--sitio URL]
                [--proyectos 5] [--periodicidad 90] [--archivo publicador.json]
  infra-abierta publishers list
  Con --nube [--proyecto ID], users y publishers trabajan sobre Firestore del despliegue en Firebase
  (credenciales predeterminadas de la aplicación: gcloud auth application-default login).
`;

/** The project root: where templates/ and dashboard/ live (dist/cli.js is one level down). */
function projectRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    if (fs.existsSync(path.join(dir, 'templates'))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const args = parseArgs(rest);
  try {
    switch (command) {
      case 'template': {
        const out = stringOption(args, 'salida') ?? 'plantilla-infraestructura-abierta.xlsx';
        fs.writeFileSync(out, await templateBuffer(templateSpec()));
        io.err(`Escrita la plantilla ${out}.`);
        return 0;
      }
      case 'validate': return await validateCommand(args, io);
      case 'convert': return await convertCommand(args, io);
      case 'import': return await importCommand(args, io);
      case 'compile': return await compileCommand(args, io);
      case 'publish': {
        const config = loadConfig();
        const store = openLocalStore(config);
        try { return await publishCommand(args, store, io, config.publicBaseUrl); } finally { await store.close(); }
      }
      case 'serve': {
        const config = loadConfig({ ...process.env, ...(stringOption(args, 'puerto') ? { PORT: stringOption(args, 'puerto') } : {}) });
        if (isClusterWorker()) {
          await runClusterWorker(config, { root: projectRoot(), log: io.err });
          return await new Promise<number>(() => undefined); // serves until the primary stops it
        }
        const rawWorkers = stringOption(args, 'procesos') ?? process.env.WEB_CONCURRENCY ?? '1';
        const workers = rawWorkers === 'todos' ? os.availableParallelism() : Number(rawWorkers);
        if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new UsageError(`--procesos debe ser un número entero de 1 a 64, o «todos» (se recibió «${rawWorkers}»).`);
        const server = workers > 1 ? await startClusterPrimary(config, { root: projectRoot(), log: io.err, workers }) : await startLocalServer(config, { root: projectRoot(), log: io.err });
        io.out(`Tablero y API en ${server.url}  (API: ${server.url}api/publishers). Detener: Ctrl+C.`);
        await new Promise<void>((resolve) => process.once('SIGINT', () => { void server.close().then(resolve); }));
        return 0;
      }
      case 'users': {
        const { store, cloud } = openCliStore(args);
        try { return await usersCommand(args, store, io, { cloud }); } finally { await store.close(); }
      }
      case 'publishers': {
        const { store } = openCliStore(args);
        try { return await publishersCommand(args, store, io); } finally { await store.close(); }
      }
      case undefined: case 'help': case '--help': case '-h':
        io.out(HELP);
        return 0;
      default:
        io.err(`Orden desconocida: «${command}».\n\n${HELP}`);
        return 2;
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof SourceError || e instanceof ConfigError) {
      io.err(e.message);
      return 2;
    }
    io.err(`Error inesperado: ${e instanceof Error ? e.message : String(e)}`);
    return 3;
  }
}

if (require.main === module) {
  process.env.METADATA_SERVER_DETECTION ??= 'none';
  void main(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) }).then((code) => { process.exitCode = code; });
}
