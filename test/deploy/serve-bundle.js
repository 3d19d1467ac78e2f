/**
 * Serves the built functions/lib/index.js the way the Functions framework does, in a plain Node process (the
 * Google client libraries load `fetch` with a dynamic import that jest's module VM cannot run): `api`, `review` and
 * `publishSubmission` (JSON body parsed, as Cloud Tasks delivers it) each on a port of its own on 127.0.0.1. Prints
 * one JSON line with the three addresses and the functions' deployment manifest (endpoints and parameters).
 */
const path = require('path');
const express = require('express');

const bundle = require(path.resolve(__dirname, '../../functions/lib/index.js'));
const api = express();
api.use((req, res) => bundle.api(req, res));
const review = express();
review.use((req, res) => bundle.review(req, res));
const tasks = express();
tasks.use(express.json());
tasks.post('/', (req, res) => { void bundle.publishSubmission(req, res); });

const listen = (app) => new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s.address().port)); });
// The deployment manifest as `firebase deploy` discovers it from the functions folder (firebase-functions' own
// loader, expressions written as the CEL text the CLI resolves from functions/.env.<project>).
// (By file: the package does not export these paths; its own discovery binary requires them the same way.)
const sdk = (file) => require(path.join(require.resolve('firebase-functions').replace(/(node_modules[\\/]firebase-functions)[\\/].*$/, '$1'), 'lib', 'runtime', file));
const { loadStack } = sdk('loader.js');
const { stackToWire } = sdk('manifest.js');
Promise.all([listen(api), listen(review), listen(tasks), loadStack(path.resolve(__dirname, '../../functions'))]).then(([apiPort, reviewPort, taskPort, stack]) => {
  const manifest = stackToWire(stack);
  process.stdout.write(`${JSON.stringify({
    api: `http://127.0.0.1:${apiPort}`,
    review: `http://127.0.0.1:${reviewPort}`,
    tasks: `http://127.0.0.1:${taskPort}`,
    endpoints: manifest.endpoints,
    params: manifest.params ?? [],
  })}\n`);
});
