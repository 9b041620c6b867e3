import type { MultipartFile, MultipartValue } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';

/** An upload's size limit, as the native API's: 50,000 rows of a wide template fit well within it. */
export const MAX_UPLOAD_BYTES = 32 * 1024 * 1024;

export interface ConsoleUpload {
  fileName: string;
  bytes: Buffer;
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
 * form action's query or the `x-csrf-token` header), so nothing of a forged upload is read. The file is buffered
 * within `MAX_UPLOAD_BYTES`, as the native route does.
 */
export async function readUploadForm(request: FastifyRequest): Promise<ConsoleUpload> {
  if (!request.isMultipart()) throw new UploadFormError('imports.error.notMultipart', 'form');
  const fields = new Map<string, string>();
  let file: { fileName: string; bytes: Buffer } | null = null;
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } })) {
      if (part.type === 'file') {
        const f = part as MultipartFile;
        const bytes = await f.toBuffer();
        // A form sent with no file chosen still has an empty, nameless file part.
        if (f.filename || bytes.length) file = { fileName: f.filename, bytes };
      } else {
        fields.set(part.fieldname, String((part as MultipartValue).value ?? ''));
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (code === 'FST_REQ_FILE_TOO_LARGE')
      throw new UploadFormError('imports.error.tooLarge', 'file', { mb: MAX_UPLOAD_BYTES / 1024 / 1024 });
    if (code.startsWith('FST_')) throw new UploadFormError('imports.error.unreadable', 'form');
    throw err;
  }
  if (!file) throw new UploadFormError('imports.error.noFile', 'file');
  return {
    fileName: cleanName(file.fileName),
    bytes: file.bytes,
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
