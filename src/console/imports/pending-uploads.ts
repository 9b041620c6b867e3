import { randomBytes } from 'node:crypto';
import type { ImportPreview } from '../../app/imports/preview-import.js';

/** An uploaded file waiting for its "Issue" click: the bytes stay here, the browser never sends them again. */
export interface PendingUpload {
  token: string;
  accountId: number;
  sessionId: number;
  fileName: string;
  bytes: Buffer;
  issueValid: boolean;
  sendEmail: boolean;
  /** File header → template column, once the mapping form was sent. */
  mapping: Record<string, string>;
  /** The file's header row (for the mapping form). */
  headers: string[];
  /** The last check of the file; null while its headers need mapping. */
  preview: ImportPreview | null;
  at: number;
}

export interface PendingUploadLimits {
  /** How long an unissued upload is kept. */
  ttlMs: number;
  /** Uploads kept per session (the oldest goes first). */
  perSession: number;
  /** Bytes kept in all (files plus an estimate of their previews); the oldest go first. */
  maxBytes: number;
}

const DEFAULT_LIMITS: PendingUploadLimits = { ttlMs: 60 * 60_000, perSession: 3, maxBytes: 256 * 1024 * 1024 };

/**
 * The console's uploads between the preview and the issue, in this process's memory, bounded by age, count per
 * session and total size. A restart forgets them: the person uploads the file again (nothing was issued).
 * The checked preview is kept with the bytes, so issuing does not check the file a second time; the job checks each
 * document again as it issues it (a series closed meanwhile fails that document, it is not issued wrongly).
 */
export class PendingUploads {
  private readonly items = new Map<string, PendingUpload>();
  constructor(
    private readonly limits: PendingUploadLimits = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  add(u: Omit<PendingUpload, 'token' | 'at'>): PendingUpload {
    this.sweep();
    const item: PendingUpload = { ...u, token: randomBytes(18).toString('base64url'), at: this.now() };
    this.items.set(item.token, item);
    const mine = [...this.items.values()].filter((i) => i.sessionId === u.sessionId);
    for (const old of mine.slice(0, Math.max(0, mine.length - this.limits.perSession))) this.items.delete(old.token);
    this.trim();
    return item;
  }

  /** The session's upload of that token (another session's or an expired one is none). */
  get(token: string, accountId: number, sessionId: number): PendingUpload | undefined {
    this.sweep();
    const u = this.items.get(token);
    return u && u.accountId === accountId && u.sessionId === sessionId ? u : undefined;
  }

  /** Records a new check of the upload (after a mapping) and counts it as fresh. */
  update(u: PendingUpload, change: Partial<Pick<PendingUpload, 'mapping' | 'preview'>>): void {
    Object.assign(u, change, { at: this.now() });
    this.items.delete(u.token);
    this.items.set(u.token, u);
    this.trim();
  }

  delete(token: string): void {
    this.items.delete(token);
  }

  get size(): number {
    return this.items.size;
  }

  private sweep(): void {
    const oldest = this.now() - this.limits.ttlMs;
    for (const [k, u] of this.items) if (u.at < oldest) this.items.delete(k);
  }

  /** Drops the least recently used uploads until the estimate fits (the newest is always kept). */
  private trim(): void {
    let total = 0;
    for (const u of this.items.values()) total += weight(u);
    for (const [k, u] of this.items) {
      if (total <= this.limits.maxBytes || this.items.size <= 1) break;
      total -= weight(u);
      this.items.delete(k);
    }
  }
}

/** A rough size: the file, and about 1 KB per checked document. */
const weight = (u: PendingUpload) => u.bytes.length + (u.preview ? u.preview.documents.length * 1024 : 0);
