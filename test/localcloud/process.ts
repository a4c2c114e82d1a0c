import { spawn, type ChildProcess } from 'node:child_process';
import { repoRoot } from './harness';

/** localcloud as its own process (`npm start`'s entry), for tests that kill and restart it. */
export interface LocalcloudProcess {
  url: string;
  child: ChildProcess;
  output(): string;
}

export function spawnLocalcloud(env: Record<string, string>): Promise<LocalcloudProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'localcloud/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, LOCALCLOUD_PORT: '0', LOCALCLOUD_DEMO: '0', LOCALCLOUD_TIMERS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`localcloud did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1], child, output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`localcloud exited with ${code}:\n${output}`));
    });
  });
}

export function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
