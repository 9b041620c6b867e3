import { DomainError } from '../../domain/errors.js';
import { validateSeriesCode } from '../../domain/pt/series-code.js';
import type { Tx } from '../context.js';

/** Refuses a series identifier that is not valid. */
export function assertSeriesCode(code: string): void {
  const issues = validateSeriesCode(code, 'code');
  if (issues.length)
    throw new DomainError('invalid_series_code', `Series identifier ${JSON.stringify(code)} is not valid.`, issues);
}

/** Refuses an identifier another series of the account has (`renamedId`: the series taking it, when renamed). */
export async function assertSeriesCodeFree(tx: Tx, accountId: number, code: string, renamedId?: number) {
  let clash = tx.selectFrom('series').select('id').where('account_id', '=', accountId).where('code', '=', code);
  if (renamedId !== undefined) clash = clash.where('id', '<>', renamedId);
  // NOTE: D8632 §1.8 — a series identifier never repeats for a taxpayer.
  if (await clash.executeTakeFirst())
    throw new DomainError('conflict', `Series ${code} already exists.`, [
      { field: 'code', issue: 'not_unique', message: 'The identifier is already used.' },
    ]);
}
