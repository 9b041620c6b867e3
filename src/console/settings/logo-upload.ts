import type { MultipartFile, MultipartValue } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from './form.js';

/** A forged upload (no valid CSRF token before the file): nothing of the file was read. */
export class LogoCsrfError extends Error {}

/**
 * Reads the logo form (multipart/form-data): the `_csrf` field comes before the file (or the `x-csrf-token`
 * header is sent), so a forged request is refused before its file is read; the file is read up to `maxBytes`.
 * Answers the bytes, or the error to show beside the field.
 */
export async function readLogoUpload(
  request: FastifyRequest,
  maxBytes: number,
  csrfValid: (token: string | undefined) => boolean,
): Promise<{ bytes: Buffer } | { errors: FieldErrors }> {
  const bad = (issue: string, message: string) => ({ errors: { logo: { issue, message } } });
  if (!request.isMultipart()) return bad('invalid', 'Send the form as multipart/form-data.');
  // A header or the action's query `_csrf` (the shell has checked either); else the form's field, before the file.
  const header = request.headers['x-csrf-token'];
  const query = (request.query as Record<string, unknown> | undefined)?._csrf;
  let csrfOk = (typeof header === 'string' && csrfValid(header)) || (typeof query === 'string' && csrfValid(query));
  let bytes: Buffer | null = null;
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1, fields: 5 } })) {
      if (part.type === 'file') {
        if (!csrfOk) throw new LogoCsrfError('csrf');
        const f = part as MultipartFile;
        const b = await f.toBuffer();
        // A form sent with no file chosen still has an empty, nameless file part.
        if (f.filename || b.length) bytes = b;
      } else if (part.fieldname === '_csrf' && !csrfOk) {
        csrfOk = csrfValid(String((part as MultipartValue).value ?? ''));
      }
    }
  } catch (err) {
    if (err instanceof LogoCsrfError) throw err;
    const code = (err as { code?: string }).code ?? '';
    if (code === 'FST_REQ_FILE_TOO_LARGE') return bad('too_long', `The logo is larger than ${maxBytes} bytes.`);
    if (code.startsWith('FST_')) return bad('invalid', 'The upload could not be read.');
    throw err;
  }
  if (!csrfOk) throw new LogoCsrfError('csrf');
  if (!bytes) return bad('required', 'Choose a PNG or JPEG file.');
  return { bytes };
}
