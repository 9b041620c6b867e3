import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AtConfig } from '../../config.js';
import type {
  AtCallResult,
  AtCredentials,
  AtEnvironment,
  AtGateway,
  AtOutcome,
  AtService,
  SeriesInfo,
  TransportReceipt,
} from '../../app/at/ports.js';
import { requiresClientCertificate, resolveEndpoint } from './endpoints.js';
import { AtTransportError, postSoap, type TlsMaterial } from './http-transport.js';
import {
  changeInvoiceStatusBody,
  INVOICE_SOAP_ACTION,
  readInvoiceAnswer,
  registerInvoiceBody,
} from './invoice-client.js';
import {
  AUTH_MESSAGES,
  classifyFault,
  classifyHttp,
  classifyInvoice,
  classifySeries,
  classifyTransport,
  isAuthCode,
} from './result-codes.js';
import {
  annulSeriesBody,
  finalizeSeriesBody,
  listSeriesBody,
  readSeriesAnswer,
  registerSeriesBody,
  SERIES_SOAP_ACTION,
} from './series-client.js';
import { bodyForLog, buildEnvelope, parseSoap, type BodyElement } from './soap-envelope.js';
import { readTransportAnswer, TRANSPORT_SOAP_ACTION, transportDocumentBody } from './transport-client.js';
import { buildUsernameToken } from './wsse.js';

interface Interpreted<T> {
  outcome: AtOutcome;
  code: string | null;
  message: string;
  response: unknown;
  data?: T;
}

const codeMessage = (code: number | null, message: string) =>
  message || (code !== null && isAuthCode(code) ? (AUTH_MESSAGES[code] ?? '') : '');

/** The AT webservices over SOAP 1.1 with AT's WS-Security header and (towards AT itself) mutual TLS. */
export function createAtGateway(at: AtConfig = {}, clock: () => Date = () => new Date()): AtGateway {
  const timeoutMs = at.timeoutMs ?? 30_000;

  let key: { pem?: string; error?: string } | undefined;
  const publicKey = () => {
    if (key) return key;
    try {
      const pem = at.publicKeyPem ?? (at.publicKeyFile ? readFileSync(at.publicKeyFile, 'utf8') : undefined);
      if (!pem)
        key = {
          error: 'The AT public key is not configured (FATURADOR_AT_PUBLIC_KEY or FATURADOR_AT_PUBLIC_KEY_FILE).',
        };
      else {
        createPublicKey(pem);
        key = { pem };
      }
    } catch (err) {
      key = { error: `The AT public key cannot be read: ${(err as Error).message}` };
    }
    return key;
  };

  let tls: { material: TlsMaterial; hasClientCert: boolean; error?: string } | undefined;
  const tlsMaterial = () => {
    if (tls) return tls;
    try {
      const read = (f?: string) => (f ? readFileSync(f) : undefined);
      const material: TlsMaterial = {
        cert: read(at.clientCertFile),
        key: read(at.clientKeyFile),
        pfx: read(at.clientPfxFile),
        passphrase: at.clientPassphrase,
        ca: read(at.caFile),
      };
      tls = { material, hasClientCert: !!(material.pfx || (material.cert && material.key)) };
    } catch (err) {
      tls = { material: {}, hasClientCert: false, error: `The AT TLS files cannot be read: ${(err as Error).message}` };
    }
    return tls;
  };

  const endpoint = (env: AtEnvironment, service: AtService) => resolveEndpoint(at.endpoints, env, service);

  const reasonFor = (env: AtEnvironment, services: readonly AtService[]): string | null => {
    const k = publicKey();
    if (k.error) return k.error;
    const t = tlsMaterial();
    if (t.error) return t.error;
    const needsCert = services.some((s) => requiresClientCertificate(endpoint(env, s)));
    if (needsCert && !t.hasClientCert) {
      return 'AT only accepts callers with the producer’s AT-signed client certificate: set FATURADOR_AT_CLIENT_CERT_FILE and FATURADOR_AT_CLIENT_KEY_FILE (or FATURADOR_AT_CLIENT_PFX_FILE).';
    }
    return null;
  };
  const notReadyReason = (env: AtEnvironment, service?: AtService) =>
    reasonFor(env, service ? [service] : ['series', 'transport', 'invoices']);

  async function call<T>(
    service: AtService,
    c: AtCredentials,
    soapAction: string,
    body: BodyElement,
    interpret: (b: Record<string, unknown>) => Interpreted<T> | null,
  ): Promise<AtCallResult<T>> {
    const started = Date.now();
    const request = bodyForLog(body);
    const done = (r: Omit<AtCallResult<T>, 'request' | 'durationMs'>): AtCallResult<T> => ({
      ...r,
      request,
      durationMs: Date.now() - started,
    });
    const reason = reasonFor(c.environment, [service]);
    if (reason)
      return done({ outcome: 'retryable', code: 'not_configured', message: reason, httpStatus: null, response: null });
    let envelope: string;
    try {
      envelope = buildEnvelope(
        buildUsernameToken({
          username: c.username,
          password: c.password,
          atPublicKeyPem: publicKey().pem!,
          now: clock(),
        }),
        body,
      );
    } catch (err) {
      return done({
        outcome: 'retryable',
        code: 'not_configured',
        message: `The WS-Security header could not be built: ${(err as Error).message}`,
        httpStatus: null,
        response: null,
      });
    }
    let res: { status: number; body: string };
    try {
      res = await postSoap(endpoint(c.environment, service), envelope, {
        soapAction,
        timeoutMs,
        tls: tlsMaterial().material,
      });
    } catch (err) {
      const kind = err instanceof AtTransportError ? err.kind : 'network';
      return done({
        outcome: 'retryable',
        code: kind,
        message: (err as Error).message,
        httpStatus: null,
        response: null,
      });
    }
    const parsed = parseSoap(res.body);
    if (!parsed) {
      return done({
        outcome: classifyHttp(res.status),
        code: `http:${res.status}`,
        message: `AT answered HTTP ${res.status} without a SOAP envelope.`,
        httpStatus: res.status,
        response: res.body.slice(0, 2000),
      });
    }
    if (parsed.fault) {
      return done({
        outcome: classifyFault(parsed.fault.code),
        code: `fault:${parsed.fault.code}`,
        message: parsed.fault.message || 'SOAP fault',
        httpStatus: res.status,
        response: { Fault: parsed.fault },
      });
    }
    const r = interpret(parsed.body);
    if (!r)
      return done({
        outcome: classifyHttp(res.status),
        code: `http:${res.status}`,
        message: 'AT answered with an unexpected SOAP body.',
        httpStatus: res.status,
        response: parsed.body,
      });
    return done({ ...r, httpStatus: res.status });
  }

  const series =
    (operation: string) =>
    (b: Record<string, unknown>): Interpreted<SeriesInfo[]> | null => {
      const a = readSeriesAnswer(b, operation);
      if (!a) return null;
      return {
        outcome: a.code === null ? 'permanent' : classifySeries(a.code),
        code: a.code === null ? null : String(a.code),
        message: codeMessage(a.code, a.message),
        response: b,
        data: a.series,
      };
    };
  const first = (r: AtCallResult<SeriesInfo[]>): AtCallResult<SeriesInfo> => ({ ...r, data: r.data?.[0] });

  return {
    endpoint,
    notReadyReason,
    async registerSeries(c, req) {
      return first(await call('series', c, SERIES_SOAP_ACTION, registerSeriesBody(req), series('registarSerie')));
    },
    async finalizeSeries(c, req) {
      return first(await call('series', c, SERIES_SOAP_ACTION, finalizeSeriesBody(req), series('finalizarSerie')));
    },
    async annulSeries(c, req) {
      return first(await call('series', c, SERIES_SOAP_ACTION, annulSeriesBody(req), series('anularSerie')));
    },
    listSeries(c, filter) {
      return call('series', c, SERIES_SOAP_ACTION, listSeriesBody(filter), series('consultarSeries'));
    },
    sendTransportDocument(c, req) {
      return call<TransportReceipt>('transport', c, TRANSPORT_SOAP_ACTION, transportDocumentBody(req), (b) => {
        const a = readTransportAnswer(b);
        if (!a) return null;
        const main = a.statuses.find((s) => s.code !== 0 && s.code !== -100) ?? a.statuses[0];
        return {
          outcome: classifyTransport(
            a.statuses.map((s) => s.code),
            !!a.receipt.atDocCodeId,
          ),
          code: main ? String(main.code) : null,
          message: main ? codeMessage(main.code, main.message) : '',
          response: b,
          data: a.receipt,
        };
      });
    },
    registerInvoice(c, req) {
      return call('invoices', c, INVOICE_SOAP_ACTION, registerInvoiceBody(req), (b) => invoice(b, 'RegisterInvoice'));
    },
    changeInvoiceStatus(c, req) {
      return call('invoices', c, INVOICE_SOAP_ACTION, changeInvoiceStatusBody(req), (b) =>
        invoice(b, 'ChangeInvoiceStatus'),
      );
    },
  };
}

function invoice(b: Record<string, unknown>, operation: string): Interpreted<undefined> | null {
  const a = readInvoiceAnswer(b, operation);
  if (!a) return null;
  return {
    outcome: a.code === null ? 'permanent' : classifyInvoice(a.code),
    code: a.code === null ? null : String(a.code),
    message: codeMessage(a.code, a.message),
    response: b,
  };
}
