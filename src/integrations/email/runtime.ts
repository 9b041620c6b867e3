import type { Config } from '../../config.js';
import type { EmailDeps, InstallationSmtp } from '../../app/email/ports.js';
import type { Database } from '../../infra/db/database.js';
import { createSecretBox } from '../secrets/secret-box.js';
import { createDocumentPdfSource } from './document-attachment.js';
import { createSmtpTransport } from './smtp-transport.js';

export function installationSmtp(config: Config): InstallationSmtp | null {
  const s = config.smtp;
  if (!s?.host) return null;
  const secure = s.secure ?? s.port === 465;
  return {
    host: s.host,
    port: s.port ?? (secure ? 465 : 587),
    secure,
    user: s.user ?? null,
    password: s.password ?? null,
    from: s.from ?? null,
  };
}

/**
 * The e-mail collaborators of one process: nodemailer over SMTP, the PDF adapter, and the AES-GCM secret box
 * of src/integrations/at (the same FATURADOR_SECRET_KEY seals SMTP passwords, with their own context).
 */
export function createEmailDeps(config: Config, dbKind: Database['kind']): EmailDeps {
  return {
    transport: createSmtpTransport({ timeoutMs: config.smtp?.timeoutMs ?? 30_000 }),
    pdf: createDocumentPdfSource(),
    secrets: createSecretBox({
      secretKey: config.secretKey,
      dataDir: config.dataDir || undefined,
      embedded: dbKind === 'pglite',
    }),
    installation: installationSmtp(config),
    publicUrl: config.publicUrl,
    maxAttempts: Math.max(1, config.smtp?.maxAttempts ?? 16),
  };
}
