import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Kysely } from 'kysely';
import { authenticateApiKey } from '../../src/app/accounts/authenticate-api-key.js';
import { createAccount } from '../../src/app/accounts/create-account.js';
import { createApiKey } from '../../src/app/accounts/create-api-key.js';
import { revokeApiKey } from '../../src/app/accounts/revoke-api-key.js';
import { createContact } from '../../src/app/contacts/create-contact.js';
import { addPartner, type PartnerInput } from '../../src/app/partners/add-partner.js';
import { getClientByTaxId } from '../../src/app/partners/get-client-by-tax-id.js';
import { getPartnerAccessTokens } from '../../src/app/partners/get-partner-access-tokens.js';
import type { DB } from '../../src/infra/db/schema.js';
import { createSecretBox } from '../../src/integrations/secrets/secret-box.js';
import { freshDatabase, type TestDatabase } from '../support/db.js';

const secrets = createSecretBox({ secretKey: 'c4'.repeat(32), embedded: false });
const noSecrets = createSecretBox({ embedded: false });
let t: TestDatabase;
let db: Kysely<DB>;
let n = 0;

const parentAccount = (taxId = '503340855') =>
  db.transaction().execute((tx) =>
    createAccount(tx, new Date(), {
      legalName: `Integrador ${++n}, Lda`,
      taxId,
      owner: { email: `integrador${n}@example.com`, password: 'segredo-123' },
    }),
  );

const partnerInput = (over: Partial<PartnerInput> = {}): PartnerInput => ({
  companyTaxId: '503504564',
  companyLegalName: 'Parceiro Exemplo, Lda',
  companyAddress: 'Av. Sidónio Pais, 1',
  companyCity: 'Lisboa',
  companyPostCode: '1050214',
  companyCountry: 'pt',
  userName: 'João Cardoso',
  userEmail: `parceiro${++n}@example.com`,
  userPhone: '999555111',
  ...over,
});

const add = (parentId: number, input: PartnerInput, box = secrets) =>
  db.transaction().execute((tx) => addPartner(tx, new Date(), parentId, input, box));

const rejection = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    return err as { code: string; details: { field: string; issue: string }[]; meta: Record<string, unknown> };
  }
  assert.fail('expected a rejection');
};

before(async () => {
  t = await freshDatabase();
  db = t.database.db;
});
after(() => t.drop());

test('a partner is a complete account of its own, linked to its parent, in its mode', async () => {
  const parent = await parentAccount();
  const added = await add(parent.accountId, partnerInput());
  assert.equal(added.taxId, '503504564');
  assert.equal(added.country, 'PT');
  const acc = await db.selectFrom('accounts').selectAll().where('id', '=', added.accountId).executeTakeFirstOrThrow();
  assert.equal(acc.parent_account_id, parent.accountId);
  assert.equal(acc.legal_name, 'Parceiro Exemplo, Lda');
  assert.equal(acc.postal_code, '1050-214');
  assert.equal(acc.phone, '999555111');
  assert.equal(acc.sandbox, true);
  const series = await db.selectFrom('series').select('code').where('account_id', '=', added.accountId).execute();
  const taxes = await db.selectFrom('taxes').select('id').where('account_id', '=', added.accountId).execute();
  const keys = await db.selectFrom('api_keys').selectAll().where('account_id', '=', added.accountId).execute();
  assert.equal(series.length, 1);
  assert.ok(taxes.length >= 3);
  assert.equal(keys.length, 1);
  assert.equal(keys[0].scope, 'admin');
  assert.equal(keys[0].name, 'partner token');
  assert.ok(keys[0].partner_token_sealed, 'the key is kept sealed');
  const user = await db.selectFrom('users').selectAll().where('id', '=', added.userId).executeTakeFirstOrThrow();
  assert.equal(user.account_id, added.accountId);
  assert.equal(user.name, 'João Cardoso');
  assert.equal(user.password_hash, null);
});

test('bad input: an invalid NIF, a duplicate partner, a taken e-mail, a missing name', async () => {
  const parent = await parentAccount();
  const parentEmail = await db
    .selectFrom('users')
    .select('email')
    .where('account_id', '=', parent.accountId)
    .executeTakeFirstOrThrow();
  const nif = await rejection(add(parent.accountId, partnerInput({ companyTaxId: '503504565' })));
  assert.equal(nif.code, 'invalid_tax_id');
  assert.equal(nif.details[0].field, 'companyTaxId');

  await add(parent.accountId, partnerInput());
  const dup = await rejection(add(parent.accountId, partnerInput({ companyTaxId: 'PT503504564' })));
  assert.equal(dup.code, 'conflict');
  assert.equal(dup.meta.resource, 'partner');

  const taken = await rejection(
    add(parent.accountId, partnerInput({ companyTaxId: '507957547', userEmail: parentEmail.email.toUpperCase() })),
  );
  assert.equal(taken.code, 'validation');
  assert.deepEqual(
    taken.details.map((d) => d.field),
    ['userEmail'],
  );

  const fields = await rejection(
    add(
      parent.accountId,
      partnerInput({ companyTaxId: '507957547', companyLegalName: ' ', userEmail: 'x', companyCountry: 'ES' }),
    ),
  );
  // ES checks the tax id as a Spanish VAT number first.
  assert.equal(fields.code, 'invalid_tax_id');
  const more = await rejection(
    add(parent.accountId, partnerInput({ companyTaxId: '507957547', companyLegalName: ' ', userEmail: 'x' })),
  );
  assert.equal(more.code, 'validation');
  assert.deepEqual(more.details.map((d) => d.field).sort(), ['companyLegalName', 'userEmail']);

  // Another parent may have a partner with the same tax id.
  const other = await parentAccount();
  await add(other.accountId, partnerInput());
});

test('two AddPartner calls for one tax id at once: exactly one partner', async () => {
  const parent = await parentAccount();
  const results = await Promise.allSettled([
    add(parent.accountId, partnerInput({ companyTaxId: '508025338' })),
    add(parent.accountId, partnerInput({ companyTaxId: '508025338' })),
  ]);
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  const rows = await db.selectFrom('accounts').select('id').where('parent_account_id', '=', parent.accountId).execute();
  assert.equal(rows.length, 1);
});

test('partner tokens: the password is checked, the same token comes back, it opens the partner account only', async () => {
  const parent = await parentAccount();
  const owner = await db
    .selectFrom('users')
    .select('id')
    .where('account_id', '=', parent.accountId)
    .executeTakeFirstOrThrow();
  const caller = { accountId: parent.accountId, userId: owner.id };
  const added = await add(parent.accountId, partnerInput({ companyTaxId: '509442013' }));
  const tokens = (password: string, partnerTaxId: string, box = secrets) =>
    db.transaction().execute((tx) => getPartnerAccessTokens(tx, caller, { password, partnerTaxId }, box));

  assert.equal((await rejection(tokens('wrong', '509442013'))).code, 'unauthenticated');
  const unknown = await rejection(tokens('segredo-123', '500000000'));
  assert.equal(unknown.code, 'not_found');
  assert.equal(unknown.meta.resource, 'partner');

  const first = await tokens('segredo-123', '509442013');
  assert.equal(first.length, 1);
  assert.equal(first[0].description, 'partner token');
  assert.deepEqual(await tokens('segredo-123', 'PT 509442013'), first);
  const who = await db.transaction().execute((tx) => authenticateApiKey(tx, first[0].token));
  assert.equal(who.accountId, added.accountId);
  assert.equal(who.userId, added.userId);
  assert.equal(who.scope, 'admin');

  // Another parent's partner is not found, even with the right tax id.
  const other = await parentAccount();
  const otherOwner = await db
    .selectFrom('users')
    .select('id')
    .where('account_id', '=', other.accountId)
    .executeTakeFirstOrThrow();
  const foreign = await rejection(
    db
      .transaction()
      .execute((tx) =>
        getPartnerAccessTokens(
          tx,
          { accountId: other.accountId, userId: otherOwner.id },
          { password: 'segredo-123', partnerTaxId: '509442013' },
          secrets,
        ),
      ),
  );
  assert.equal(foreign.code, 'not_found');

  // A revoked token is never returned: the next call makes and keeps a new one.
  await db.transaction().execute(async (tx) => {
    await createApiKey(tx, added.accountId, { scope: 'admin', name: 'spare' });
    await revokeApiKey(tx, added.accountId, who.apiKeyId);
  });
  const renewed = await tokens('segredo-123', '509442013');
  assert.notEqual(renewed[0].token, first[0].token);
  assert.deepEqual(await tokens('segredo-123', '509442013'), renewed);

  // Without a secret key nothing can be kept: every call makes a new key.
  const a = await tokens('segredo-123', '509442013', noSecrets);
  const b = await tokens('segredo-123', '509442013', noSecrets);
  assert.notEqual(a[0].token, b[0].token);
});

test('ClientGet data: the partner first, else the customer, else nothing', async () => {
  const parent = await parentAccount();
  await add(parent.accountId, partnerInput({ companyTaxId: '510212891' }));
  await db.transaction().execute((tx) =>
    createContact(tx, parent.accountId, {
      name: 'Cliente Exemplo',
      taxId: '502011378',
      city: 'Porto',
      country: 'PT',
    }),
  );
  const get = (taxId: string, country?: string) =>
    db.transaction().execute((tx) => getClientByTaxId(tx, parent.accountId, taxId, country));
  const partner = await get('510212891', 'PT');
  assert.equal(partner?.source, 'partner');
  assert.equal(partner?.legalName, 'Parceiro Exemplo, Lda');
  assert.equal(partner?.postalCode, '1050-214');
  const customer = await get('PT502011378');
  assert.equal(customer?.source, 'customer');
  assert.equal(customer?.name, 'Cliente Exemplo');
  assert.equal(customer?.city, 'Porto');
  assert.equal(await get('500000000', 'PT'), undefined);
  // Another account's customer is not seen.
  const other = await parentAccount();
  assert.equal(
    await db.transaction().execute((tx) => getClientByTaxId(tx, other.accountId, '502011378', 'PT')),
    undefined,
  );
});
