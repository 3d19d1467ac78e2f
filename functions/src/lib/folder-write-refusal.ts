import * as fs from 'fs';

/**
 * Why this process may not create a file in `folder` (write and search permission on it, as creating one needs), or
 * undefined when it may: `read-only` for a read-only file system (EROFS), `permission` otherwise. The server's
 * start-up check (server/writable-data.ts) and a command's `-o` (cli/output-path.ts) each say it in their words.
 */
export function folderWriteRefusal(folder: string): 'read-only' | 'permission' | undefined {
  try {
    fs.accessSync(folder, fs.constants.W_OK | fs.constants.X_OK);
    return undefined;
  } catch (e) {
    return (e as { code?: unknown }).code === 'EROFS' ? 'read-only' : 'permission';
  }
}
