import * as fs from 'fs';
import * as path from 'path';

/**
 * The official standards folder used as oracle; CI has ../shared. A git worktree one level deeper (wt/<branch>)
 * finds the same folder two levels up; STANDARDS_DIR overrides both.
 */
const CANDIDATES = [process.env.STANDARDS_DIR, path.resolve(__dirname, '..', '..', 'shared', 'standards'), path.resolve(__dirname, '..', '..', '..', 'shared', 'standards')];
export const STANDARDS_DIR = CANDIDATES.find((dir) => dir !== undefined && fs.existsSync(path.join(dir, 'ocds-1.1.5', 'release-schema.json'))) ?? (CANDIDATES[1] as string);
export const hasStandards = fs.existsSync(path.join(STANDARDS_DIR, 'ocds-1.1.5', 'release-schema.json'));
if (!hasStandards) {
  // Say it loudly rather than pass silently.
  console.warn(`AVISO: no se encontró ${STANDARDS_DIR}; las pruebas contra los estándares oficiales se omiten.`);
}
export const ROOT = path.resolve(__dirname, '..');
