/** Regenerates schemas/ from the official standards: `npm run generate` (default ../shared/standards). */
import * as fs from 'fs';
import * as path from 'path';
import { buildProfileFiles } from './profile-builder';

const root = path.resolve(__dirname, '..');
const standards = path.resolve(process.argv[2] ?? path.join(root, '..', 'shared', 'standards'));
for (const [rel, content] of Object.entries(buildProfileFiles(standards))) {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), content);
  console.log(`escrito ${rel}`);
}
