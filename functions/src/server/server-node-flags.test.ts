import * as fs from 'fs';
import * as path from 'path';
import { SERVER_NODE_FLAGS, withServerFlags } from './server-node-flags';

test('the server flags go first, before a loader ts-node put in execArgv; an operator’s own value wins', () => {
  expect(withServerFlags(['-r', 'ts-node/register'])).toEqual([...SERVER_NODE_FLAGS, '-r', 'ts-node/register']);
  expect(withServerFlags(['--max_semi_space_size=8'])).toEqual(['--max_semi_space_size=8']);
});

test('`npm start` (one process, no cluster) starts Node with the same flags', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const node = /node ((?:--\S+ )*)dist\/cli\.js serve/.exec(pkg.scripts.start);
  expect(node?.[1].trim().split(' ')).toEqual([...SERVER_NODE_FLAGS]);
});
