/**
 * `npx infra-abierta …`: thin commands over the core and the backend (clasp's model: core logic, thin commands).
 * Every failure a person can cause ends in a Spanish message and an exit code, never a stack trace.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as os from 'os';
import { parseArgs, stringOption, UsageError } from './args';
import { projectRoot } from './project-root';
import type { CliIo } from './convert-command';
import { SourceError } from '../ingest/sheet-source';
import { STORE_MESSAGES } from '../api/http-error';
import { isStoreError, type Store } from '../store/store';
import { type Config, ConfigError, defaultPublicBaseUrl, loadConfig } from '../config';
import type { BulkService } from '../publication/bulk-service';
import type { BlobStore } from '../publication/blob-store';
import { StartupError } from '../server/startup-error';
import { commandHelp, HELP } from './help';
import { checkOutput, writingOutput } from './output-path';
import { warnUnknownOptions } from './known-options';
import { checkServeArguments, withoutExamples } from './serve-options';
import { newDatabaseNotice } from './new-database-notice';
import { checkProjectOptions } from './project-options';
import { main as engineMain } from './engine';
import { unexpectedMessage } from './report-errors';
import { DROP_DOWN_ROWS, HEADER_ROWS, MAX_DATA_ROWS } from '../../../core/template/layout';
import { formatNumber } from '../../../core/format/es-mx';
import type { ParsedArgs } from './args';
import { diskTroubleAdvice } from '../lib/disk-trouble';
import { oneLine } from '../../../core/messages/render';
import { stopOnSignals } from '../server/stop-on-signals';

/**
 * `template --filas N`: the data rows each sheet's drop-downs cover (DROP_DOWN_ROWS when not said). A state that
 * will type more rows than that in a sheet (several per process in a child sheet) asks for them; the default stays
 * small because some readers of the file expand the lists cell by cell (core/template/layout.ts).
 */
function dropDownRowsOption(args: ParsedArgs): number {
  const raw = args.options.filas;
  if (raw === undefined) return DROP_DOWN_ROWS;
  const digits = typeof raw === 'string' ? raw.replace(/,/g, '') : '';
  const n = /^\d+$/.test(digits) ? Number(digits) : NaN;
  if (!(n >= 1 && n <= MAX_DATA_ROWS)) throw new UsageError(`--filas es cuántas filas de datos de cada hoja llevan listas desplegables: un número entero de 1 a ${formatNumber(MAX_DATA_ROWS, 0)} (se recibió «${raw === true ? '' : String(raw)}»).`);
  return n;
}
// Each command loads what it uses when it runs (`await import`), so `--help` or `validate` never pay for
// firebase-admin, googleapis, the server or exceljs: issue 17 measured 1.25 s for `--help` when all loaded.

/**
 * The server's background thread script, built beside this bundle (scripts/build.ts → dist/background-worker.js).
 * Run from the TypeScript sources there is none, and the server publishes and checks in its own thread.
 */
function backgroundWorker(): string | undefined {
  const script = path.join(__dirname, 'background-worker.js');
  return fs.existsSync(script) ? script : undefined;
}


/**
 * The bulk files of the deployment (Cloud Storage), as the functions write them (functions/src/index.ts): its bucket
 * through Application Default Credentials; STORAGE_API_ENDPOINT points the client at a local stand-in in tests.
 */
async function deploymentBulk(store: Store, config: Config): Promise<BulkService> {
  const [{ deploymentGcsOptions, gcsBlobStore }, { bulkService }, { PLATFORM_NAME }] = await Promise.all([import('../publication/gcs-blob-store'), import('../publication/bulk-service'), import('../platform-name')]);
  return bulkService({ store, blobs: gcsBlobStore(deploymentGcsOptions(config, process.env.STORAGE_API_ENDPOINT)), baseUrl: config.publicBaseUrl, platformName: PLATFORM_NAME });
}

/**
 * The address `publish` and `history` write into the records' release links, as the server would (the same
 * loadConfig: PUBLIC_BASE_URL, else HOST and PORT). PORT=0 is the exception: the server takes a free port each time
 * it starts and publishes that one, which this command cannot know, and http://127.0.0.1:0 answers nowhere.
 */
function linksAddress(config: Config): string {
  if (config.port === 0 && config.publicBaseUrl === defaultPublicBaseUrl(config.host, 0)) {
    throw new ConfigError('Con PORT=0 el servidor toma un puerto libre cada vez que arranca, y esta orden no sabe cuál: los enlaces de los registros quedarían en '
      + `${config.publicBaseUrl}, que no responde. Defina PUBLIC_BASE_URL con la dirección que el servidor imprimió al arrancar («Tablero y API en …»), o PORT con su puerto, y repita la orden.`);
  }
  return config.publicBaseUrl;
}

/**
 * `publications rebuild-bulk`: the bulk files where the server or the functions write them — BULK_DIR under the
 * server's address, or (`--nube`) the bucket and address of the deployment's environment file, as `history --nube`.
 */
async function rebuildBulk(args: ReturnType<typeof parseArgs>, io: CliIo): Promise<number> {
  const [{ openCliStore }, { rebuildBulkCommand }, { bulkService }, { diskBlobStore }, { PLATFORM_NAME }] = await Promise.all([
    import('./cli-store'), import('./rebuild-bulk-command'), import('../publication/bulk-service'), import('../publication/disk-blob-store'), import('../platform-name')]);
  if (args.options.nube !== undefined) {
    const { deploymentConfig } = await import('./cloud-deployment');
    // The deployment's address and bucket first: nothing is opened on a configuration the functions refuse.
    const { config } = deploymentConfig(args, process.env, projectRoot());
    const { store } = openCliStore(args);
    try { return await rebuildBulkCommand(args, store, io, { bulk: await deploymentBulk(store, config), cloud: true }); } finally { await store.close(); }
  }
  const config = loadConfig();
  const baseUrl = linksAddress(config);
  if (config.bulkDir === undefined) throw new ConfigError('Con INFRA_SQLITE=:memory: no hay carpeta de archivos de descarga: defina BULK_DIR con la del servidor.');
  const { store, bulkDir } = openCliStore(args);
  const dir = bulkDir ?? config.bulkDir;
  try {
    return await rebuildBulkCommand(args, store, io, { bulk: bulkService({ store, blobs: diskBlobStore(dir), baseUrl, platformName: PLATFORM_NAME }), cloud: false, bulkDir: dir });
  } finally { await store.close(); }
}

/**
 * What `publish` and `history` write a new publication's bulk files with, into the server's folder (BULK_DIR), as the
 * server does after an approval: only the publisher's (the files of all together are built by their first download,
 * with no time limit self-hosted, or by `publications rebuild-bulk`). None for an in-memory base (nothing persists).
 */
async function localBulk(store: Store, config: Config, baseUrl: string): Promise<{ bulk: BulkService } | undefined> {
  if (config.bulkDir === undefined) return undefined;
  const [{ bulkService }, { diskBlobStore }, { PLATFORM_NAME }] = await Promise.all([import('../publication/bulk-service'), import('../publication/disk-blob-store'), import('../platform-name')]);
  return { bulk: bulkService({ store, blobs: diskBlobStore(config.bulkDir), baseUrl, platformName: PLATFORM_NAME }) };
}

/** Where a command that writes the current publications again writes them (republish, redact). */
interface RewriteTarget { store: Store; baseUrl: string; baseUrlSource: string; cloud: boolean; bulk: BulkService }

/**
 * `publications republish` and `redact`: the address the records will link under — the server's (PUBLIC_BASE_URL,
 * required: a shell without the server's variables would write http://127.0.0.1:8080 into every record) or, with
 * `--nube`, the functions' environment file's, as `history --nube` — and where the bulk files go (BULK_DIR, or its
 * bucket). `nothing`: the command's «No se … nada.»; `noStore`: what INFRA_SQLITE=:memory: has none of.
 */
async function rewritingPublications(args: ReturnType<typeof parseArgs>, said: { nothing: string; noStore: string }, run: (target: RewriteTarget) => Promise<number>): Promise<number> {
  const [{ openCliStore }, { bulkService }, { diskBlobStore }, { PLATFORM_NAME }] = await Promise.all([
    import('./cli-store'), import('../publication/bulk-service'), import('../publication/disk-blob-store'), import('../platform-name')]);
  if (args.options.nube !== undefined) {
    const { deploymentConfig } = await import('./cloud-deployment');
    const { config, source } = deploymentConfig(args, process.env, projectRoot());
    const { store } = openCliStore(args);
    try {
      return await run({ store, baseUrl: config.publicBaseUrl, baseUrlSource: `PUBLIC_BASE_URL de ${source}`, cloud: true, bulk: await deploymentBulk(store, config) });
    } finally { await store.close(); }
  }
  if (!process.env.PUBLIC_BASE_URL) {
    throw new ConfigError(`Defina PUBLIC_BASE_URL con la dirección en que responde el servidor (la de su archivo de variables, /etc/infra-abierta.env), con las demás variables del servidor, y repita: esta orden la escribe en cada registro publicado. ${said.nothing}`);
  }
  const config = loadConfig();
  const baseUrl = linksAddress(config);
  if (config.bulkDir === undefined) throw new ConfigError(`Con INFRA_SQLITE=:memory: no hay ${said.noStore}: indique en INFRA_SQLITE la base del servidor. ${said.nothing}`);
  const { store, bulkDir } = openCliStore(args);
  const dir = bulkDir ?? config.bulkDir;
  try {
    return await run({ store, baseUrl, baseUrlSource: 'PUBLIC_BASE_URL', cloud: false, bulk: bulkService({ store, blobs: diskBlobStore(dir), baseUrl, platformName: PLATFORM_NAME }) });
  } finally { await store.close(); }
}

async function republish(args: ReturnType<typeof parseArgs>, io: CliIo): Promise<number> {
  const { republishCommand } = await import('./republish-command');
  return rewritingPublications(args, { nothing: 'No se publicó nada.', noStore: 'publicaciones que publicar de nuevo' },
    ({ store, ...target }) => republishCommand(args, store, io, target));
}

async function redactPublications(args: ReturnType<typeof parseArgs>, io: CliIo): Promise<number> {
  const { redactCommand } = await import('./redact-command');
  return rewritingPublications(args, { nothing: 'No se cambió nada.', noStore: 'publicaciones que cambiar' },
    ({ store, baseUrl, cloud, bulk }) => redactCommand(args, store, io, { baseUrl, cloud, bulk }));
}

/**
 * Where `publications prune` removes a removed publication's bulk files: BULK_DIR, or (`--nube`) the bucket of the
 * deployment's environment file, read as `history --nube` reads it (the command is run where one deploys from).
 */
async function prunedBulk(args: ReturnType<typeof parseArgs>): Promise<{ blobs: BlobStore; where: string } | undefined> {
  if (args.options.nube !== undefined) {
    const [{ deploymentConfig }, { deploymentGcsOptions, gcsBlobStore }] = await Promise.all([import('./cloud-deployment'), import('../publication/gcs-blob-store')]);
    const { config } = deploymentConfig(args, process.env, projectRoot(), {
      why: 'Se necesita su BULK_BUCKET: los archivos de descarga de cada publicación que se borra se borran del depósito con ella.',
      nothingDone: 'No se borró nada.',
    });
    return { blobs: gcsBlobStore(deploymentGcsOptions(config, process.env.STORAGE_API_ENDPOINT)), where: `depósito gs://${config.bulkBucket ?? ''}` };
  }
  const { bulkDir } = loadConfig();
  if (bulkDir === undefined) return undefined;
  const { diskBlobStore } = await import('../publication/disk-blob-store');
  return { blobs: diskBlobStore(bulkDir), where: `carpeta ${path.resolve(bulkDir)}` };
}

/**
 * `transfer`: the two ends of the copy — this server's SQLite file (INFRA_SQLITE, held against a server starting on
 * it meanwhile) and the deployment's Firestore (the project and namespace the other commands use with --nube) — and
 * the address the target publishes under: the functions' PUBLIC_BASE_URL (their environment file, as history --nube),
 * or this server's.
 */
async function transfer(args: ReturnType<typeof parseArgs>, io: CliIo): Promise<number> {
  const [{ transferCommand, transferDirection }, { cloudProjectId, withCredentials }, { openFirestoreBackend }, { openSqliteBackend }, { holdServerLock }, { firestoreNamespaceVar }] = await Promise.all([
    import('./transfer-command'), import('./cli-store'), import('../store/firestore-store'), import('../store/sqlite-store'), import('../server/server-lock'), import('../config')]);
  const toCloud = transferDirection(args) === 'to-cloud';
  const config = loadConfig();
  const local = config.sqlitePath;
  if (local === ':memory:') throw new ConfigError('INFRA_SQLITE=:memory: no es una base que se pueda copiar: indique en INFRA_SQLITE la ruta del archivo. No se copió nada.');
  if (toCloud && !fs.existsSync(local)) throw new ConfigError(`No hay base de datos en «${local}» (INFRA_SQLITE): indique la del servidor, o la de su respaldo. No se copió nada.`);
  let cloudEnd: { baseUrl: string; source: string } | undefined;
  if (toCloud) {
    const { deploymentConfig } = await import('./cloud-deployment');
    try {
      const deployed = deploymentConfig(args, process.env, projectRoot());
      cloudEnd = { baseUrl: deployed.config.publicBaseUrl, source: deployed.source };
    } catch (e) {
      if (e instanceof ConfigError) throw new ConfigError(e.message.replace(/No se publicó nada\.$/, 'No se copió nada.'));
      throw e;
    }
  }
  const projectId = cloudProjectId(args, process.env);
  // From the cloud too: with another prefix than the functions', the copy would be of collections nobody uses.
  const namespaceProblem = (await import('./deployed-namespace')).deployedNamespaceProblem(args, process.env, projectRoot(), projectId);
  if (namespaceProblem !== undefined) throw new ConfigError(namespaceProblem.replace(/No se hizo nada\.$/, 'No se copió nada.'));
  // Nothing writes to the file meanwhile: a server serving it would change what is being copied (or copied into).
  if (!toCloud) fs.mkdirSync(path.dirname(path.resolve(local)), { recursive: true });
  let lock: { release(): void };
  try {
    lock = holdServerLock(local);
  } catch (e) {
    if (!(e instanceof StartupError)) throw e;
    throw new ConfigError(`No se copió nada: ${e.message.startsWith('Ya hay') ? `hay un servidor atendiendo «${local}» (INFRA_SQLITE), y la copia debe hacerse sin nadie que escriba en ella. Detenga el servidor (systemctl stop infra-abierta, o Ctrl+C) y repita${toCloud ? '; o, sin detenerlo, copie desde un respaldo: «infra-abierta backup -o respaldo.sqlite» y la orden con INFRA_SQLITE=respaldo.sqlite (lo que se publique después en este servidor no estará en la copia)' : ''}.` : e.message}`);
  }
  try {
    const sqlite = openSqliteBackend(local);
    const namespace = firestoreNamespaceVar(process.env);
    const firestore = withCredentials(openFirestoreBackend({ projectId, namespace }), process.env, { projectId, namespace });
    const here = `la base local «${local}» (INFRA_SQLITE)`;
    const there = `Firestore del proyecto ${projectId}${namespace ? ` (colecciones «${namespace}…»)` : ''}`;
    try {
      return await transferCommand(args, toCloud
        ? { source: sqlite, target: firestore, from: here, to: there, toCloud, baseUrl: cloudEnd!.baseUrl, baseUrlSource: cloudEnd!.source }
        : { source: firestore, target: sqlite, from: there, to: here, toCloud, baseUrl: linksAddress(config), baseUrlSource: process.env.PUBLIC_BASE_URL ? 'PUBLIC_BASE_URL' : 'sin PUBLIC_BASE_URL: la de HOST y PORT' }, io);
    } finally {
      await sqlite.close();
      await firestore.close();
    }
  } finally { lock.release(); }
}

/**
 * What `serve` works on, said where it starts (and so in `journalctl`): a relative INFRA_SQLITE started from another
 * folder, or an environment file not loaded, served a new empty database, and nothing said which; mail left
 * unconfigured was found out only when nobody received a notice. No secret is named (SMTP_USER, SMTP_PASS).
 */
function servedData(config: Config, env: NodeJS.ProcessEnv, serverUrl: string): string {
  const base = config.sqlitePath === ':memory:' ? 'en memoria (se pierde al detenerlo)' : `«${path.resolve(config.sqlitePath)}» (INFRA_SQLITE)`;
  const bulk = config.bulkDir === undefined ? '' : `, descargas masivas en «${path.resolve(config.bulkDir)}» (BULK_DIR)`;
  const mail = env.SMTP_HOST ? `avisos por correo con ${env.SMTP_HOST}` : 'sin SMTP_HOST: no se envían avisos por correo';
  // Without PUBLIC_BASE_URL the address is HOST and PORT's — the port taken, with PORT=0.
  const address = env.PUBLIC_BASE_URL ? `${config.publicBaseUrl} (PUBLIC_BASE_URL)` : `${serverUrl.replace(/\/$/, '')} (sin PUBLIC_BASE_URL: la de HOST y PORT)`;
  return `Base de datos ${base}${bulk}; dirección pública ${address}; ${mail}.`;
}

/**
 * stderr one line per message for the commands that read published packages: their notes quote the packages' own
 * texts (a publisher's name, a title), which may hold line breaks, and the rest of such a line read as a line of its
 * own, without the file it was about (validate and convert render theirs one line each: core/messages/render.ts).
 */
function reportLines(io: CliIo): CliIo {
  return { out: io.out, err: (line) => io.err(oneLine(line)) };
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const args = parseArgs(rest);
  // `template --ayuda` must not write a template, nor `serve --help` start a server: help only.
  if (args.options.ayuda === true || args.options.help === true) {
    // That command's own help (bin.ts answers the same for the built CLI).
    io.out(command === 'help' || command === 'ayuda' ? commandHelp(args.positional[0]) : commandHelp(command, args.positional[0]));
    return 0;
  }
  let newDatabase: (() => string | undefined) | undefined;
  try {
    // --proyecto for --proyectos (or the reverse) is refused before anything is opened, and before the notice of
    // unknown options, which would only say «se ignora» for what is a mix-up.
    checkProjectOptions(command, args);
    // validate, convert and compile warn in engine.ts, which the built CLI runs without this file.
    // serve refuses what it does not know (serve-options.ts).
    if (command !== 'validate' && command !== 'convert' && command !== 'compile' && command !== 'serve') warnUnknownOptions(command, args, io);
    // The commands that open the local database (not `transfer --de-la-nube`, which fills a new one on purpose, nor
    // `backup`, which refuses a missing one): one that created it says where, last (new-database-notice.ts).
    if (['publishers', 'users', 'publish', 'history', 'publications'].includes(command ?? '') && args.options.nube === undefined) {
      newDatabase = newDatabaseNotice(loadConfig(process.env).sqlitePath, process.env);
    }
    switch (command) {
      case 'template': {
        const out = stringOption(args, 'salida') ?? 'plantilla-infraestructura-abierta.xlsx';
        checkOutput(out, [], { keepExisting: args.options.sobrescribir !== true, example: 'plantilla.xlsx' });
        const rows = dropDownRowsOption(args);
        const [{ templateBuffer }, { templateSpec }] = await Promise.all([import('../xlsx/write-template'), import('../../../core/template/template-spec')]);
        const bytes = await templateBuffer(templateSpec(), { dropDownRows: rows });
        await writingOutput(out, () => fs.writeFileSync(out, bytes));
        io.err(`Escrita la plantilla ${out}. Sus listas desplegables llegan hasta la fila ${formatNumber(HEADER_ROWS + rows, 0)} de cada hoja${rows === DROP_DOWN_ROWS ? ' (para más, --filas)' : ''}.`);
        return 0;
      }
      // validate, convert and compile: one place (engine.ts), which dist/cli.js also loads alone as dist/cli-engine.js.
      // …but `validate --publicador` reads the local database (validate-registered.ts), which the engine never opens.
      case 'validate': if (args.options.publicador !== undefined) return await (await import('./validate-registered')).validateRegistered(args, io);
      // falls through
      case 'convert': case 'compile': return await engineMain(argv, io);
      case 'import': return await (await import('./import-command')).importCommand(args, reportLines(io));
      case 'publish': {
        const [{ openLocalStore }, { publishCommand }] = await Promise.all([import('../server/local-store'), import('./publish-command')]);
        const config = loadConfig();
        const baseUrl = linksAddress(config);
        const store = openLocalStore(config);
        try { return await publishCommand(args, store, io, baseUrl, await localBulk(store, config, baseUrl)); } finally { await store.close(); }
      }
      case 'history': {
        if (args.options.nube !== undefined) {
          const [{ openCliStore }, { deploymentConfig }, { historyCommand }] = await Promise.all([import('./cli-store'), import('./cloud-deployment'), import('./history-command')]);
          // The deployment's address, bucket and namespace first: nothing is opened on a configuration the functions refuse.
          const { config, source } = deploymentConfig(args, process.env, projectRoot());
          const { store } = openCliStore(args);
          try {
            const bulk = await deploymentBulk(store, config);
            return await historyCommand(args, store, reportLines(io), config.publicBaseUrl, { source, bulk: { bulk, allPublishersFiles: true } });
          } finally { await store.close(); }
        }
        const [{ openLocalStore }, { historyCommand, refuseCloudOnlyOptions }] = await Promise.all([import('../server/local-store'), import('./history-command')]);
        refuseCloudOnlyOptions(args);
        const config = loadConfig();
        const baseUrl = linksAddress(config);
        const store = openLocalStore(config);
        try { return await historyCommand(args, store, reportLines(io), baseUrl, undefined, await localBulk(store, config, baseUrl)); } finally { await store.close(); }
      }
      case 'backup': {
        const { backupCommand } = await import('./backup-command');
        return await backupCommand(args, loadConfig().sqlitePath, io);
      }
      case 'serve': {
        checkServeArguments(args);
        const { startLocalServer } = await import('../server/local-server');
        const port = stringOption(args, 'puerto');
        // Said by the option typed, not by the variable it stands for («La variable PORT…» to someone who typed --puerto).
        if (port !== undefined && !(/^\d+$/.test(port) && Number(port) <= 65535)) throw new UsageError(`--puerto debe ser un número entero entre 0 y 65535 (se recibió «${port}»).`);
        const config = loadConfig({ ...process.env, ...(port ? { PORT: port } : {}) });
        // The mail settings too, before the database is opened: a first start would otherwise publish the examples,
        // then stop on SMTP_PORT.
        (await import('../workflow/notifications')).smtpFromEnv(process.env);
        const { isClusterWorker, runClusterWorker, startClusterPrimary } = await import('../server/cluster');
        if (isClusterWorker()) {
          await runClusterWorker(config, { root: projectRoot(), log: io.err, backgroundWorker: backgroundWorker() });
          return await new Promise<number>(() => undefined); // serves until the primary stops it
        }
        const rawWorkers = stringOption(args, 'procesos') ?? process.env.WEB_CONCURRENCY ?? '1';
        const workers = rawWorkers === 'todos' ? os.availableParallelism() : Number(rawWorkers);
        if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new UsageError(`--procesos debe ser un número entero de 1 a 64, o «todos» (se recibió «${rawWorkers}»).`);
        // A real server's first start: the three fictitious implementers of the examples would be published there.
        const seed = !withoutExamples(args, process.env);
        const single = workers > 1 ? undefined : await startLocalServer(config, { root: projectRoot(), log: io.err, backgroundWorker: backgroundWorker(), seed });
        const server = single ?? await startClusterPrimary(config, { root: projectRoot(), log: io.err, workers, seed });
        // Ctrl+C, or a service manager's stop (systemd, docker: SIGTERM), which used to end the process at once: a
        // publication under way is finished and the database closed first, however many signals arrive meanwhile.
        // Listening before the address is printed: a stop sent as soon as it appears found no listener yet.
        const stopped = stopOnSignals(() => server.close(), { say: io.err, ...(single ? { busy: () => single.publications.busy() } : {}) });
        io.out(`Tablero y API en ${server.url}  (API: ${server.url}api/publishers). Detener: Ctrl+C.`);
        io.out(servedData(config, process.env, server.url));
        await stopped;
        return 0;
      }
      case 'users': {
        const [{ openCliStore }, { usersCommand }] = await Promise.all([import('./cli-store'), import('./users-command')]);
        const { store, cloud } = openCliStore(args);
        try { return await usersCommand(args, store, io, { cloud, address: process.env.PUBLIC_BASE_URL }); } finally { await store.close(); }
      }
      case 'publishers': {
        const [{ openCliStore }, { publishersCommand }] = await Promise.all([import('./cli-store'), import('./publishers-command')]);
        const { store, cloud } = openCliStore(args);
        try { return await publishersCommand(args, store, io, { cloud }); } finally { await store.close(); }
      }
      case 'publications': {
        if (args.positional[0] === 'rebuild-bulk') return await rebuildBulk(args, io);
        if (args.positional[0] === 'republish') return await republish(args, io);
        if (args.positional[0] === 'redact') return await redactPublications(args, io);
        const [{ openCliStore }, { publicationsCommand }] = await Promise.all([import('./cli-store'), import('./publications-command')]);
        const bulk = args.positional[0] === 'prune' ? await prunedBulk(args) : undefined;
        const { store, cloud, bulkDir } = openCliStore(args);
        try { return await publicationsCommand(args, store, io, { cloud, ...(bulkDir !== undefined ? { bulkDir } : {}), ...(bulk ? { bulk } : {}) }); } finally { await store.close(); }
      }
      case 'verificar': {
        const { verifyCommand } = await import('./verify-command');
        // The database only when the log to check is this server's (or the deployment's, --nube): a reader with a
        // downloaded file and its huellas.json needs none.
        const openStore = async () => {
          const { store } = (await import('./cli-store')).openCliStore(args);
          return { store, close: () => store.close() };
        };
        return await verifyCommand(args, io, { openStore });
      }
      case 'transfer': return await transfer(args, io);
      // «ayuda»: what a Spanish-speaking official types first; it was «Orden desconocida».
      case undefined: case '--help': case '-h':
        io.out(HELP);
        return 0;
      case 'help': case 'ayuda':
        io.out(commandHelp(args.positional[0]));
        return 0;
      default:
        io.err(`Orden desconocida: «${command}».\n\n${HELP}`);
        return 2;
    }
  } catch (e) {
    // The server could not start: no success line was printed, and the exit code says so (`npm start` fails too).
    if (e instanceof StartupError) {
      io.err(e.message);
      return 1;
    }
    if (e instanceof UsageError || e instanceof SourceError || e instanceof ConfigError) {
      io.err(e.message);
      return 2;
    }
    // The store's messages name collections, keys and byte counts in English: say it in Spanish instead.
    if (isStoreError(e)) {
      io.err(STORE_MESSAGES[e.kind]);
      return 3;
    }
    // A full disk or a write refused (`users add` on a database restored as root): where to look, not SQLite's English.
    const disk = diskTroubleAdvice(e);
    if (disk !== undefined) {
      io.err(disk);
      return 3;
    }
    io.err(unexpectedMessage(e));
    return 3;
  } finally {
    const notice = newDatabase?.();
    if (notice) io.err(notice);
  }
}

if (require.main === module) {
  process.env.METADATA_SERVER_DETECTION ??= 'none';
  void main(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) }).then((code) => { process.exitCode = code; });
}
