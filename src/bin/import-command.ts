import { Writable } from 'node:stream';
import { validationError } from '../domain/errors.js';

interface Progress {
  documents: number;
  issued: number;
  failed: number;
  rate: number | null;
  etaSeconds: number | null;
}

/** The progress line: a bar, the count, the rate and the time left (rewritten in place on a terminal). */
export function progressLine(p: Progress): string {
  const done = p.issued + p.failed;
  const share = p.documents ? done / p.documents : 1;
  const bar = '#'.repeat(Math.round(share * 30)).padEnd(30, '.');
  const rate = p.rate === null ? '' : ` ${p.rate}/s`;
  const eta = p.etaSeconds === null ? '' : ` ~${p.etaSeconds}s left`;
  return `[${bar}] ${done}/${p.documents} (${Math.floor(share * 100)} %)${rate}${eta}`;
}

/**
 * Runs the `import` admin command and reads its JSON lines: progress to standard error, the result returned. Over the
 * admin socket the server reads the file by its absolute path.
 */
export async function importCli(
  path: string,
  o: { account: number; dryRun: boolean; issueValid: boolean; sendEmail: boolean; mapping?: string },
  run: (args: Record<string, unknown>, out: Writable) => Promise<unknown>,
): Promise<unknown> {
  let mapping: unknown;
  if (o.mapping !== undefined) {
    try {
      mapping = JSON.parse(o.mapping);
    } catch {
      throw validationError([{ field: 'mapping', issue: 'invalid', message: 'A JSON object: file header → column.' }]);
    }
  }
  let result: unknown;
  let buffered = '';
  const tty = process.stderr.isTTY;
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      buffered += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const msg = JSON.parse(buffered.slice(0, nl)) as { progress?: Progress; result?: unknown };
        buffered = buffered.slice(nl + 1);
        if (msg.progress) process.stderr.write(progressLine(msg.progress) + (tty ? '\r' : '\n'));
        if (msg.result) {
          result = msg.result;
          const r = msg.result as Progress & { dryRun?: boolean };
          if (!r.dryRun) process.stderr.write(progressLine(r) + '\n');
        }
      }
      done();
    },
  });
  await run(
    { accountId: o.account, path, dryRun: o.dryRun, issueValid: o.issueValid, sendEmail: o.sendEmail, mapping },
    out,
  );
  if (result === undefined) throw new Error('The import command ended without a result.');
  return result;
}
