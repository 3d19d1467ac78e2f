import * as path from 'path';
import { build } from 'esbuild';
import { NODE_BUNDLE } from '../build';
import { validatorCode } from '../validator-code';
void build({ ...NODE_BUNDLE, sourcemap: false, plugins: [validatorCode], entryPoints: [path.join(__dirname, '..', 'bench', 'publish-child.ts')], outfile: '/tmp/pb/publish-child.js' }).then(() => console.log('ok'));
