/**
 * `validate libro.xlsx --publicador ID` (self-hosted): the workbook checked as the server's send checks it, with the
 * implementer's prefixes as registered in the local database that `serve` uses, and the links to other implementers
 * looked up there (link-findings.ts, the send's own lookup). Without it, `validate` reads the prefixes from the
 * «Configuración» sheet: an official whose sheet said another prefix (or none) was told «sin errores» and then refused
 * at the door for every identifier. Only reads the database; one that does not exist is said, not created.
 */
import * as fs from 'fs';
import { loadConfig } from '../config';
import { openLocalStore } from '../server/local-store';
import { linkFindings } from '../workflow/link-findings';
import { type ParsedArgs, stringOption, UsageError } from './args';
import type { CliIo } from './convert-command';
import { knownPublisher } from './known-publisher';
import { warnUnknownOptions } from './known-options';
import { checkProjectOptions } from './project-options';

export async function validateRegistered(args: ParsedArgs, io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  checkProjectOptions('validate', args);
  warnUnknownOptions('validate', args, io);
  const id = stringOption(args, 'publicador');
  if (!id) throw new UsageError('Indique el publicador con --publicador <id>: sus prefijos registrados son con los que se revisa el libro.');
  if (args.positional[0] !== undefined && /\.json$/i.test(args.positional[0])) throw new UsageError('--publicador es para revisar un libro (.xlsx o carpeta de .csv) como lo revisa el envío, no un paquete .json.');
  const config = loadConfig(env);
  if (config.sqlitePath !== ':memory:' && !fs.existsSync(config.sqlitePath)) {
    throw new UsageError(`No hay base de datos local en «${config.sqlitePath}» (SQLITE_PATH), donde se registran los publicadores: ejecute la orden en la carpeta del servidor, o valide sin --publicador (con los prefijos de la hoja «Configuración»).`);
  }
  const store = openLocalStore(config);
  try {
    const publisher = await knownPublisher(store, id);
    const { validateCommand } = await import('./convert-command');
    return await validateCommand(args, io, {
      ocidPrefix: publisher.ocidPrefix, projectIdPrefix: publisher.projectIdPrefix,
      linkFindings: (foreign, named) => linkFindings(store, publisher, foreign, named),
    });
  } finally {
    await store.close();
  }
}
