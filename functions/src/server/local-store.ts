/** The embedded store of the self-hosted mode, in the configured file (its folder is created on first use). */
import * as fs from 'fs';
import * as path from 'path';
import type { Config } from '../config';
import { openSqliteStore } from '../store/sqlite-store';
import type { Store } from '../store/store';

export function openLocalStore(config: Pick<Config, 'sqlitePath'>): Store {
  if (config.sqlitePath !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(config.sqlitePath)), { recursive: true });
  return openSqliteStore(config.sqlitePath);
}
