import * as soap from 'soap';
import { createAccount } from '../../src/app/accounts/create-account.js';
import { startAtEnv, type AtEnv } from '../at/at-env.js';

/** Valid NIFs, one per account: the fake AT keeps transport documents and users per NIF. */
const NIFS = ['516000004', '516001370', '516002740', '516004115', '516005480', '516006851', '516008226', '516009591'];

/** An account as a MagniFinance client holds it (`{Email, Token}`), with the AT sub-user the fake AT knows. */
export interface MfAtAccount {
  accountId: number;
  email: string;
  token: string;
  nif: string;
  /** `NIF/1`, known to the fake AT with `password`. */
  username: string;
  password: string;
  auth: { Email: string; Token: string };
}

export interface MfAtEnv {
  env: AtEnv;
  /** `http://127.0.0.1:<port>/magnifinance`. */
  base: string;
  /** A new production (non-sandbox) Portuguese account; its AT sub-user exists at the fake AT but is not stored. */
  account(tag: string): Promise<MfAtAccount>;
  /**
   * Registers the account's default series for GT with AT (a production account finalizes only in registered
   * series, Portaria 195/2020): needs the AT credentials stored first.
   */
  registerSeries(a: MfAtAccount, docType?: string): Promise<void>;
  /** A node `soap` client built from the served WSDL, as EV builds it (`forceSoap12Headers` for SOAP 1.2). */
  client(path: string, soap12?: boolean): Promise<soap.Client>;
  close(): Promise<void>;
}

let counter = 0;

/**
 * The AT call's timeout here: no MagniFinance test makes the fake hang, and the answers carrying AT's code (WaybillCreate)
 * must not turn into "queued" because the in-process fake (signature, XSD) was slow on a loaded machine (400 ms was).
 */
export const MF_AT_TIMEOUT_MS = 10_000;

/** The app (with the fake AT as both AT environments) listening on a free port, as real SOAP clients need. */
export async function startMfAtEnv(): Promise<MfAtEnv> {
  const env = await startAtEnv({}, MF_AT_TIMEOUT_MS);
  await env.t.app.listen({ host: '127.0.0.1', port: 0 });
  const root = `http://127.0.0.1:${(env.t.app.server.address() as { port: number }).port}`;
  const base = `${root}/magnifinance`;
  return {
    env,
    base,
    async account(tag) {
      const nif = NIFS[counter++ % NIFS.length];
      const email = `${tag}-${counter}-${Date.now()}@example.pt`;
      const created = await env.t.db.database.db.transaction().execute((tx) =>
        createAccount(tx, new Date(), {
          legalName: `Transportes ${tag} ${counter}, Lda`,
          taxId: nif,
          sandbox: false,
          street: 'Rua do Armazém, 1',
          postalCode: '1000-001',
          city: 'Lisboa',
          owner: { email },
        }),
      );
      const username = `${nif}/1`;
      const password = `senha-${nif}-${counter}`;
      env.fake.addUser(username, password);
      return {
        accountId: created.accountId,
        email,
        token: created.apiKey,
        nif,
        username,
        password,
        auth: { Email: email, Token: created.apiKey },
      };
    },
    async registerSeries(a, docType = 'GT') {
      const call = (m: string, u: string, b?: unknown) => env.t.call(m, u, b, { key: a.token });
      const series = (await call('GET', '/v1/series')).body[0];
      const reg = await call('POST', `/v1/series/${series.id}/register`, { docType });
      if (reg.status >= 300) throw new Error(`series registration: ${reg.status} ${JSON.stringify(reg.body)}`);
    },
    client: (path, soap12 = false) =>
      soap.createClientAsync(`${base}${path}?wsdl`, soap12 ? { forceSoap12Headers: true } : {}),
    close: () => env.close(),
  };
}
