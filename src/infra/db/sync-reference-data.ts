import { EXEMPTION_CODES } from '../../domain/pt/exemption-codes.js';
import type { Database } from './database.js';

/** Keeps the shared reference tables equal to the code's tables (idempotent; runs at every start). */
export async function syncReferenceData(database: Database): Promise<void> {
  await database.db
    .insertInto('exemption_reasons')
    .values(
      EXEMPTION_CODES.map((e) => ({
        code: e.code,
        text: e.text,
        legal_basis: e.legalBasis,
        valid_from: e.validFrom,
        valid_to: e.validTo,
      })),
    )
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
