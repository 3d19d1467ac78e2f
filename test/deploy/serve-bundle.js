/**
 * Serves the built functions/lib/index.js the way the Functions framework does, in a plain Node process (the
 * Google client libraries load `fetch` with a dynamic import that jest's module VM cannot run): `api`, `review` and
 * `publishSubmission` (JSON body parsed, as Cloud Tasks delivers it) each on a port of its own on 127.0.0.1. Prints
 * one JSON line with the three addresses and the functions' deployment settings.
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
Promise.all([listen(api), listen(review), listen(tasks)]).then(([apiPort, reviewPort, taskPort]) => {
  process.stdout.write(`${JSON.stringify({
    api: `http://127.0.0.1:${apiPort}`,
    review: `http://127.0.0.1:${reviewPort}`,
    tasks: `http://127.0.0.1:${taskPort}`,
    endpoints: { api: bundle.api.__endpoint, review: bundle.review.__endpoint, publishSubmission: bundle.publishSubmission.__endpoint },
  })}\n`);
});
