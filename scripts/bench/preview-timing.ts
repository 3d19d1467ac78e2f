/**
 * bench:preview's figures (scripts/bench-preview.ts): the self-hosted server started as `serve` starts it, with its
 * background thread; a first revision of N processes is sent, approved and published (untimed), then a second one in
 * which every process changed is sent, and the coordinador opens its preview: how long until the first answer (the
 * preview itself, or «se está preparando») and until the preview, asking again as the answer's Retry-After says —
 * what a proxy that cuts a request at 60 s (Firebase Hosting, nginx by default) lets through. Then the preview asked
 * once more (kept, or computed again). Run as its own program (bundled, server flags); arguments: a temporary
 * folder, the processes and the background worker's script.
 */
import * as fs from 'fs';
import * as path from 'path';
import { reviewCall, startReviewServer } from './review-during-load';
import { BENCH_PUBLISHER, syntheticWorkbook } from './synthetic-publisher';
import { writeXlsx } from './write-xlsx';

const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

async function run(): Promise<void> {
  process.env.METADATA_SERVER_DETECTION = 'none';
  const [dir, processes, worker] = process.argv.slice(2);
  const n = Number(processes);
  const { server, accounts: { capturista, coordinador } } = await startReviewServer(dir, worker);
  const call = (method: string, url: string, token: string, body?: Buffer) => reviewCall(server.url, `${method} ${url}`, method, url, token, body);
  const upload = async (revision: number): Promise<string> => {
    const xlsx = path.join(dir, `revision-${revision}.xlsx`);
    await writeXlsx(syntheticWorkbook(n, revision), xlsx);
    const started = performance.now();
    const id = (await call('POST', `api/submissions?publisher=${BENCH_PUBLISHER.id}`, capturista, fs.readFileSync(xlsx))).submission.id;
    console.log(`  revisión ${revision + 1} enviada (revisión al llegar): ${s(performance.now() - started)}`);
    return id;
  };

  const first = await upload(0);
  await call('POST', `api/submissions/${first}/approve`, coordinador);
  await server.publications.idle();
  const second = await upload(1);

  const previewUrl = `${server.url}api/submissions/${second}/preview`;
  const ask = () => fetch(previewUrl, { headers: { Authorization: `Bearer ${coordinador}` } });
  const started = performance.now();
  let answer = await ask();
  const firstAnswer = performance.now() - started;
  let asked = 1;
  while (answer.status === 503 && answer.headers.get('retry-after')) {
    await answer.arrayBuffer();
    await new Promise((r) => setTimeout(r, Number(answer.headers.get('retry-after')) * 1000));
    answer = await ask();
    asked++;
  }
  if (answer.status !== 200) throw new Error(`vista previa: ${answer.status} ${(await answer.text()).slice(0, 300)}`);
  const body = await answer.text();
  const ready = performance.now() - started;
  const again = performance.now();
  const repeated = await ask();
  await repeated.arrayBuffer();
  console.log(`  vista previa de ${n.toLocaleString('es-MX')} procesos cambiados: primera respuesta ${s(firstAnswer)} (${asked === 1 ? 'la vista previa' : '«se está preparando»'}); vista previa en ${s(ready)}, ${asked} ${asked === 1 ? 'petición' : 'peticiones'}; ${(Buffer.byteLength(body) / 1e6).toFixed(1)} MB; pedida de nuevo: ${s(performance.now() - again)} (${repeated.status})`);
  await server.close();
}

void run().catch((e: unknown) => { console.error(e); process.exitCode = 1; });
