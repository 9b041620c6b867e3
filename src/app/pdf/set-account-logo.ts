import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { DomainError } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import { imageInfo, imageProblem } from './image-info.js';

export const LOGO_MAX_BYTES = 1024 * 1024;
export const LOGO_MAX_PIXELS = 2000;

/**
 * Sets the logo printed on the account's documents: PNG or JPEG, at most 1 MB and 2000×2000 pixels.
 * Documents already rendered pick it up at their next render (their cache key includes the logo's hash).
 */
export async function setAccountLogo(
  tx: Tx,
  accountId: number,
  bytes: Uint8Array,
): Promise<{ contentType: string; width: number; height: number; bytes: number; sha256: string }> {
  const bad = (issue: string, message: string, value?: string) =>
    new DomainError('validation', message, [
      { field: 'logo', issue, message, ...(value === undefined ? {} : { value }) },
    ]);
  if (bytes.length === 0) throw bad('required', 'The logo is empty.');
  if (bytes.length > LOGO_MAX_BYTES)
    throw bad('too_long', `The logo is larger than ${LOGO_MAX_BYTES} bytes.`, String(LOGO_MAX_BYTES));
  const info = imageInfo(bytes);
  if (!info) throw bad('invalid', 'The logo must be a PNG or JPEG image.');
  if (info.width < 1 || info.height < 1 || info.width > LOGO_MAX_PIXELS || info.height > LOGO_MAX_PIXELS) {
    throw bad(
      'out_of_range',
      `The logo must be at most ${LOGO_MAX_PIXELS}×${LOGO_MAX_PIXELS} pixels.`,
      String(LOGO_MAX_PIXELS),
    );
  }
  const problem = imageProblem(bytes);
  if (problem) throw bad('invalid', problem);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await tx
    .insertInto('account_logos')
    .values({
      account_id: accountId,
      content_type: info.contentType,
      bytes,
      sha256,
      width: info.width,
      height: info.height,
    })
    .onConflict((oc) =>
      oc.column('account_id').doUpdateSet({
        content_type: info.contentType,
        bytes,
        sha256,
        width: info.width,
        height: info.height,
        updated_at: sql`now()`,
      }),
    )
    .execute();
  return { contentType: info.contentType, width: info.width, height: info.height, bytes: bytes.length, sha256 };
}
