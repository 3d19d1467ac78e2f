/** Starts scripts/bench/firestore-emulator-process.ts and waits for its address (see there). */
import * as path from 'path';
import { spawn } from 'child_process';

export interface EmulatorProcess { host: string; pid: number; stop: () => void }

export async function startEmulatorProcess(projectId: string): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, ['-r', path.join(__dirname, '..', 'register-ts.js'), path.join(__dirname, 'firestore-emulator-process.ts')], {
    env: { ...process.env, GCLOUD_PROJECT: projectId, METADATA_SERVER_DETECTION: 'none' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const host = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => { const m = /emulador (127\.0\.0\.1:\d+)/.exec(d.toString()); if (m) resolve(m[1]); });
    child.once('exit', (code) => reject(new Error(`el emulador de Firestore terminó antes de tiempo (código ${code})`)));
  });
  return { host, pid: child.pid as number, stop: () => { child.stdin.end(); } };
}
