import type { Writable } from 'node:stream';
import type { Config } from '../config.js';
import type { Database } from '../infra/db/database.js';
import { migrate } from '../infra/db/migrate.js';
import { syncReferenceData } from '../infra/db/sync-reference-data.js';
import { type CreateAccountInput, createAccount } from '../app/accounts/create-account.js';
import { createApiKey } from '../app/accounts/create-api-key.js';
import { revokeApiKey } from '../app/accounts/revoke-api-key.js';
import { listApiKeys } from '../app/accounts/list-api-keys.js';
import { getAccount } from '../app/accounts/get-account.js';
import { getSigningKey } from '../app/accounts/get-signing-key.js';
import { setUserPassword } from '../app/accounts/set-user-password.js';
import { grantPartyAccess } from '../app/billit/grant-party-access.js';
import { revokePartyAccess } from '../app/billit/revoke-party-access.js';
import { listPartyAccess } from '../app/billit/list-party-access.js';
import { loadChain } from '../app/documents/load-chain.js';
import { checkDocumentTotals } from '../app/documents/check-document-totals.js';
import { verifyChain } from '../domain/pt/chain.js';
import { DomainError, validationError } from '../domain/errors.js';
import { exportSaft } from '../exports/saft/export-saft.js';
import { saftSoftware } from '../exports/saft/software.js';
import { saftPeriod } from '../exports/saft/period.js';
import { importCommand } from './import-command.js';

export interface AdminContext {
  database: Database;
  config: Config;
}

export type AdminArgs = Record<string, unknown>;

/** An administration command: the same code runs in the CLI's own process or, over the admin socket, in the server. */
export interface AdminCommand {
  run(ctx: AdminContext, args: AdminArgs, out: Writable): Promise<unknown>;
  /** Writes its result to `out` (SAF-T XML) instead of returning JSON. */
  streams?: boolean;
}

const now = () => new Date();

function id(args: AdminArgs, field: string): number {
  const v = args[field];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) {
    throw validationError([{ field, issue: 'invalid', message: 'A positive integer.' }]);
  }
  return v;
}

function text(args: AdminArgs, field: string, required = true): string | undefined {
  const v = args[field];
  if (v === undefined || v === null) {
    if (required) throw validationError([{ field, issue: 'required', message: 'Required.' }]);
    return undefined;
  }
  if (typeof v !== 'string') throw validationError([{ field, issue: 'invalid', message: 'A string.' }]);
  return v;
}

export const ADMIN_COMMANDS: Record<string, AdminCommand> = {
  migrate: {
    async run({ database }) {
      const applied = await migrate(database);
      await syncReferenceData(database);
      return { applied };
    },
  },
  'account.create': {
    async run({ database }, a) {
      const r = await database.db.transaction().execute((tx) =>
        createAccount(tx, now(), {
          legalName: text(a, 'legalName')!,
          taxId: text(a, 'taxId')!,
          country: text(a, 'country', false),
          defaultLanguage: text(a, 'language', false) as CreateAccountInput['defaultLanguage'],
          sandbox: a.production !== true,
          softwareCertNumber: typeof a.certNumber === 'number' ? a.certNumber : 0,
          owner: { email: text(a, 'email')! },
        }),
      );
      return { accountId: r.accountId, userId: r.userId, apiKeyId: r.apiKeyId, apiKey: r.apiKey };
    },
  },
  'apikey.create': {
    async run({ database }, a) {
      const k = await database.db.transaction().execute(async (tx) => {
        await getAccount(tx, id(a, 'accountId'));
        return createApiKey(tx, id(a, 'accountId'), {
          name: text(a, 'name', false) ?? '',
          scope: text(a, 'scope', false),
        });
      });
      return { id: k.id, name: k.name, scope: k.scope, prefix: k.prefix, createdAt: k.created_at, key: k.key };
    },
  },
  'apikey.list': {
    async run({ database }, a) {
      const keys = await database.db.transaction().execute(async (tx) => {
        await getAccount(tx, id(a, 'accountId'));
        return listApiKeys(tx, id(a, 'accountId'));
      });
      return keys.map((k) => ({
        id: k.id,
        userId: k.user_id,
        name: k.name,
        scope: k.scope,
        prefix: k.prefix,
        createdAt: k.created_at,
        lastUsedAt: k.last_used_at,
        revokedAt: k.revoked_at,
      }));
    },
  },
  'apikey.revoke': {
    async run({ database }, a) {
      await database.db.transaction().execute(async (tx) => {
        await getAccount(tx, id(a, 'accountId'));
        await revokeApiKey(tx, id(a, 'accountId'), id(a, 'keyId'));
      });
      return { id: id(a, 'keyId'), revoked: true };
    },
  },
  'account.grant-access': {
    async run({ database }, a) {
      const accountId = id(a, 'accountId');
      const partyId = id(a, 'partyId');
      await database.db.transaction().execute(async (tx) => {
        await getAccount(tx, accountId);
        await grantPartyAccess(tx, accountId, partyId);
      });
      return { accountId, partyId, granted: true };
    },
  },
  'account.revoke-access': {
    async run({ database }, a) {
      const accountId = id(a, 'accountId');
      const partyId = id(a, 'partyId');
      const revoked = await database.db.transaction().execute(async (tx) => {
        await getAccount(tx, accountId);
        return revokePartyAccess(tx, accountId, partyId);
      });
      if (!revoked) {
        throw new DomainError('not_found', `Account ${accountId} has no access to account ${partyId}.`, [], {
          resource: 'party access',
        });
      }
      return { accountId, partyId, revoked: true };
    },
  },
  'account.list-access': {
    async run({ database }, a) {
      return database.db.transaction().execute(async (tx) => {
        await getAccount(tx, id(a, 'accountId'));
        return listPartyAccess(tx, id(a, 'accountId'));
      });
    },
  },
  'user.set-password': {
    async run({ database }, a) {
      const password = text(a, 'password')!;
      return database.db.transaction().execute((tx) => setUserPassword(tx, { email: text(a, 'email')!, password }));
    },
  },
  'signing-key': {
    async run({ database }, a) {
      return database.db.transaction().execute(async (tx) => {
        await getAccount(tx, id(a, 'accountId'));
        return getSigningKey(tx, id(a, 'accountId'));
      });
    },
  },
  'verify-chain': {
    async run({ database }, a) {
      const accountId = id(a, 'accountId');
      const { docs, publicKeys, totals } = await database.db.transaction().execute(async (tx) => {
        await getAccount(tx, accountId);
        const filter = { seriesCode: text(a, 'series', false), type: text(a, 'type', false) };
        // What the signature cannot see: documents without lines, or whose lines do not add up to the signed total.
        return {
          ...(await loadChain(tx, accountId, filter)),
          totals: await checkDocumentTotals(tx, accountId, filter),
        };
      });
      const active = publicKeys.at(-1);
      if (!active) {
        throw new DomainError('not_found', 'The account has no signing key.', [], { resource: 'signing key' });
      }
      const report = verifyChain(docs, active.public_pem);
      return { ...report, ok: report.ok && totals.length === 0, totals };
    },
  },
  'saft.export': {
    streams: true,
    async run({ database, config }, a, out) {
      const accountId = id(a, 'accountId');
      const period = saftPeriod({
        from: text(a, 'from', false),
        to: text(a, 'to', false),
        month: text(a, 'month', false),
        year: text(a, 'year', false),
      });
      return database.db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (tx) => {
          await getAccount(tx, accountId);
          return exportSaft(tx, accountId, out, { period, now: now(), software: saftSoftware(config.software) });
        });
    },
  },
  import: importCommand,
};
