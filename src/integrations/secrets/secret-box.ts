import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretBox } from '../../app/at/ports.js';
import { DomainError } from '../../domain/errors.js';

/**
 * AES-256-GCM sealing of secrets at rest (AT sub-user passwords, SMTP passwords, webhook signing secrets). The key is FATURADOR_SECRET_KEY (32 bytes,
 * hex or base64). Without it, an embedded (PGlite) installation with a DATA_DIR generates one in
 * DATA_DIR/secret.key (mode 0600) on first use; a PostgreSQL installation refuses to store credentials, since a
 * per-host file would differ between the processes sharing the database.
 * Sealed form: `v1:<key id>:<base64url(iv ‖ tag ‖ ciphertext)>`; the context (e.g. `at-password:<account>`) is
 * authenticated data, so a sealed value copied to another account does not open.
 */
export interface SecretBoxOptions {
  secretKey?: string;
  dataDir?: string;
  /** PGlite in this process (a key file in DATA_DIR is then safe to use). */
  embedded: boolean;
}

export const KEY_FILE = 'secret.key';

export function parseSecretKey(v: string): Buffer {
  const raw = /^[0-9a-f]{64}$/i.test(v.trim()) ? Buffer.from(v.trim(), 'hex') : Buffer.from(v.trim(), 'base64');
  if (raw.length !== 32) throw new Error('FATURADOR_SECRET_KEY must be 32 bytes, as 64 hex characters or base64');
  return raw;
}

function keyId(key: Buffer): string {
  return createHash('sha256').update('faturador-secret-key-id:').update(key).digest('hex').slice(0, 8);
}

function fileKey(dataDir: string): Buffer {
  const path = join(dataDir, KEY_FILE);
  try {
    return parseSecretKey(readFileSync(path, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return parseSecretKey(readFileSync(path, 'utf8'));
}

export function createSecretBox(opts: SecretBoxOptions): SecretBox {
  let resolved: { key?: Buffer; id?: string; reason?: string } | undefined;
  const resolve = () => {
    if (resolved) return resolved;
    try {
      if (opts.secretKey) {
        const key = parseSecretKey(opts.secretKey);
        resolved = { key, id: keyId(key) };
      } else if (opts.embedded && opts.dataDir) {
        const key = fileKey(opts.dataDir);
        resolved = { key, id: keyId(key) };
      } else {
        resolved = {
          reason: opts.embedded
            ? 'No FATURADOR_SECRET_KEY is set and there is no DATA_DIR to keep a generated key in: set FATURADOR_SECRET_KEY (openssl rand -hex 32) to store credentials and secrets (AT, SMTP, webhooks).'
            : 'No FATURADOR_SECRET_KEY is set: with PostgreSQL every process must share the key, so set FATURADOR_SECRET_KEY (openssl rand -hex 32) to store credentials and secrets (AT, SMTP, webhooks).',
        };
      }
    } catch (err) {
      resolved = { reason: `The secret key cannot be used: ${(err as Error).message}` };
    }
    return resolved;
  };
  const requireKey = () => {
    const r = resolve();
    if (!r.key) throw new DomainError('secret_key_not_configured', r.reason ?? 'No secret key.');
    return r as { key: Buffer; id: string };
  };

  return {
    unavailableReason: () => resolve().reason ?? null,
    seal(plain, context) {
      const { key, id } = requireKey();
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      c.setAAD(Buffer.from(context, 'utf8'));
      const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return `v1:${id}:${Buffer.concat([iv, c.getAuthTag(), ct]).toString('base64url')}`;
    },
    open(sealed, context) {
      const { key, id } = requireKey();
      const m = /^v1:([0-9a-f]{8}):([A-Za-z0-9_-]+)$/.exec(sealed);
      if (!m) throw new Error('The stored secret is not in a known format.');
      if (m[1] !== id)
        throw new Error(
          `The stored secret was sealed with another key (id ${m[1]}; the configured key is ${id}): was FATURADOR_SECRET_KEY changed? Enter the secret (AT password, SMTP password) again.`,
        );
      const raw = Buffer.from(m[2], 'base64url');
      const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      d.setAAD(Buffer.from(context, 'utf8'));
      d.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    },
  };
}
