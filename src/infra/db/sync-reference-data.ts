import { EXEMPTION_CODES } from '../../domain/pt/exemption-codes.js';
import type { Database } from './database.js';

const rows = () =>
  EXEMPTION_CODES.map((e) => ({
    code: e.code,
    text: e.text,
    legal_basis: e.legalBasis,
    valid_from: e.validFrom,
    valid_to: e.validTo,
  }));
type Row = ReturnType<typeof rows>[number];
const same = (a: Row, b: Row) =>
  a.text === b.text && a.legal_basis === b.legal_basis && a.valid_from === b.valid_from && a.valid_to === b.valid_to;

/**
 * Keeps the shared reference tables equal to the code's tables (idempotent; runs at every start). A start reads
 * them first and writes only when a row differs or is missing (a new release's codes, a hand edit), so a restart
 * costs one read.
 */
export async function syncReferenceData(database: Database): Promise<void> {
  const wanted = rows();
  const stored = new Map(
    (
      await database.db
        .selectFrom('exemption_reasons')
        .select(['code', 'text', 'legal_basis', 'valid_from', 'valid_to'])
        .execute()
    ).map((r) => [r.code, r]),
  );
  if (wanted.every((w) => stored.has(w.code) && same(w, stored.get(w.code)!))) return;
  await database.db
    .insertInto('exemption_reasons')
    .values(wanted)
    .onConflict((oc) =>
      oc.column('code').doUpdateSet((eb) => ({
        text: eb.ref('excluded.text'),
        legal_basis: eb.ref('excluded.legal_basis'),
        valid_from: eb.ref('excluded.valid_from'),
        valid_to: eb.ref('excluded.valid_to'),
      })),
    )
    .execute();
}
