import type { MultipartFile, MultipartValue } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { spoolToTempFile, UploadTooLarge, type ImportSource } from '../../app/imports/import-source.js';

/** An upload's size limit, as the native API's: 50,000 rows of a wide template fit well within it. */
export const MAX_UPLOAD_BYTES = 32 * 1024 * 1024;

export interface ConsoleUpload {
  fileName: string;
  /** The file spooled to a temporary file: dispose of it once done. */
  source: ImportSource;
  issueValid: boolean;
  sendEmail: boolean;
}

/** Why an upload form could not be read: a message key, and the field it belongs beside. */
export class UploadFormError extends Error {
  constructor(
    readonly key: string,
    readonly field: 'file' | 'form',
    readonly vars: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

const checked = (v: string | undefined) => v === 'on' || v === 'true' || v === '1';

/**
 * Reads the console's upload form (multipart/form-data). Its CSRF token was checked by the shell before (from the
 * form action's query or the `x-csrf-token` header), so nothing of a forged upload is read. The file is streamed to
 * a temporary file within `MAX_UPLOAD_BYTES`, as the native route does (and removed again if the form is refused).
 */
export async function readUploadForm(request: FastifyRequest): Promise<ConsoleUpload> {
  if (!request.isMultipart()) throw new UploadFormError('imports.error.notMultipart', 'form');
  const fields = new Map<string, string>();
  let file: { fileName: string; source: ImportSource } | null = null;
  try {
    try {
      for await (const part of request.parts({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } })) {
        if (part.type === 'file') {
          const f = part as MultipartFile;
          const source = await spoolToTempFile(f.file, MAX_UPLOAD_BYTES, () => f.file.truncated);
          // A form sent with no file chosen still has an empty, nameless file part.
          if (f.filename || source.bytes) file = { fileName: f.filename, source };
          else await source.dispose();
        } else {
          fields.set(part.fieldname, String((part as MultipartValue).value ?? ''));
        }
      }
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      if (err instanceof UploadTooLarge || code === 'FST_REQ_FILE_TOO_LARGE')
        throw new UploadFormError('imports.error.tooLarge', 'file', { mb: MAX_UPLOAD_BYTES / 1024 / 1024 });
      // A client that went away mid-file ends its part early.
      if (code.startsWith('FST_') || code === 'ERR_STREAM_PREMATURE_CLOSE')
        throw new UploadFormError('imports.error.unreadable', 'form');
      throw err;
    }
  } catch (err) {
    await (file as { source: ImportSource } | null)?.source.dispose();
    throw err;
  }
  if (!file) throw new UploadFormError('imports.error.noFile', 'file');
  return {
    fileName: cleanName(file.fileName),
    source: file.source,
    issueValid: checked(fields.get('issueValid')),
    sendEmail: checked(fields.get('sendEmail')),
  };
}

/** A file name as shown and stored: no path, no control characters, at most 255 characters. */
export function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base
    .replace(/[\u0000-\u001f\u007f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .trim();
  return clean.slice(0, 255) || 'upload';
}
