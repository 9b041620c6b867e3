import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { RunFigures } from './closed-loop.js';
import type { ClientPlan } from './load-client.js';

/** A bench client process (bench/load-client.ts), warmed up and waiting for `go()`. */
export interface Client {
  /** Starts the timed part; resolves with its figures when the client is done (a probe: after `stop()`). */
  go(): Promise<RunFigures>;
  stop(): void;
  kill(): void;
}

const CLIENT = fileURLToPath(new URL('./load-client.ts', import.meta.url));

/** Spawns a client and resolves once it has warmed up. */
export function startClient(plan: ClientPlan): Promise<Client> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CLIENT, JSON.stringify(plan)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const out = createInterface({ input: child.stdout! });
  const next: ((line: string) => void)[] = [];
  const pending: string[] = [];
  let exited: Error | undefined;
  const failWaiters = (err: Error) => {
    exited = err;
    for (const w of next.splice(0)) w(JSON.stringify({ error: err.message }));
  };
  out.on('line', (l) => (next.length ? next.shift()!(l) : pending.push(l)));
  child.once('exit', (code) => failWaiters(new Error(`bench client (${plan.mode}) exited with ${code}`)));
  const line = () =>
    pending.length
      ? Promise.resolve(pending.shift()!)
      : exited
        ? Promise.resolve(JSON.stringify({ error: exited.message }))
        : new Promise<string>((r) => next.push(r));
  const parse = (l: string): RunFigures => {
    const v = JSON.parse(l) as RunFigures & { error?: string };
    if (v.error) throw new Error(v.error);
    return v;
  };
  return line().then((first) => {
    if (first !== 'ready') parse(first);
    return {
      go: () => {
        child.stdin!.write('go\n');
        return line().then(parse);
      },
      stop: () => void child.stdin!.write('stop\n'),
      kill: () => void child.kill(),
    };
  });
}
