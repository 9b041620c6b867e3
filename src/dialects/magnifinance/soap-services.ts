import type { FastifyRequest } from 'fastify';
import type { DialectKit } from '../../http/kit/define-dialect.js';
import type { SoapOperation, SoapOutRecord, SoapServiceDef } from '../../http/kit/soap/index.js';
import { type MfOperation, type MfService, responseElement } from './operation.js';
import { mfReader } from './reader.js';
import { type MfOutcome, soapResponse } from './response.js';
import { asMfError, runMfOperation } from './run-operation.js';
import { buildWsdl } from './wsdl.js';

export const MF_NAMESPACES = {
  invoicing: 'http://MagniAPI/Invoicing/',
  /** The IPPN samples' namespace, served at `/MagniAPI/v1.1/Invoicing.asmx`. */
  invoicingV11: 'http://MagniAPI/v1.1/Invoicing/',
  tax: 'http://MagniAPI/TaxCommunication/',
} as const;

/** Where each service answers (matched case-insensitively, under the surface's prefix), with its WSDL's namespace. */
const SERVICES: readonly { service: MfService; name: string; namespace: string; also: string[]; paths: string[] }[] = [
  {
    service: 'invoicing',
    name: 'Invoicing',
    namespace: MF_NAMESPACES.invoicing,
    also: [MF_NAMESPACES.invoicingV11],
    paths: ['/MagniAPI/Invoicing.asmx', '/MagniFinanceWS.asmx', '/MagniAPI/MagniFinanceWS.asmx'],
  },
  {
    service: 'invoicing',
    name: 'Invoicing',
    namespace: MF_NAMESPACES.invoicingV11,
    also: [MF_NAMESPACES.invoicing],
    paths: ['/MagniAPI/v1.1/Invoicing.asmx'],
  },
  {
    service: 'tax',
    name: 'TaxCommunication',
    namespace: MF_NAMESPACES.tax,
    also: [],
    paths: ['/MagniAPI/TaxCommunication.asmx'],
  },
];

const normal = (path: string) => path.replace(/\/+$/, '').toLowerCase();

/** The operations of the service at the request's path (its SOAP catch-all route's tail). */
export function operationsAtPath(operations: readonly MfOperation[]) {
  const byPath = new Map<string, MfService>();
  for (const s of SERVICES) for (const p of s.paths) byPath.set(normal(p), s.service);
  return (request: FastifyRequest): readonly MfOperation[] => {
    const tail = `/${((request.params as Record<string, string> | undefined)?.['*'] ?? '').replace(/^\/+/, '')}`;
    const service = byPath.get(normal(tail));
    return service ? operations.filter((op) => op.service === service) : [];
  };
}

/** A list answered in `Object` goes out as its ArrayOf type's items (`<Object><APIAccessTokenBase>…`); REST keeps the list. */
function soapArray(op: MfOperation, outcome: MfOutcome): MfOutcome {
  const out = op.wsdl.output;
  if (typeof out === 'object' && out.kind === 'array' && 'object' in outcome && Array.isArray(outcome.object))
    return { object: { [out.item]: outcome.object } };
  return outcome;
}

function soapOperation(op: MfOperation, kit: DialectKit): SoapOperation {
  return {
    arrays: op.arrays,
    async handle(input, call) {
      const auth = call.request.mf?.auth ?? mfReader({});
      const outcome = await runMfOperation(op, mfReader(input), auth, kit, call.request, call.reply);
      return { [responseElement(op)]: soapResponse(soapArray(op, outcome)) } as SoapOutRecord;
    },
  };
}

/**
 * What the surface refused before the operation ran, as the operation's business error (HTTP 200, Type=Error):
 * a missing or bad token, an e-mail that is not the token's user's, too many failed logins. A rate limit stays a
 * fault with HTTP 429 so that clients back off.
 */
function refusalAnswer(byName: Map<string, MfOperation>) {
  return (err: unknown, operation: string): SoapOutRecord | undefined => {
    const op = byName.get(operation);
    const mf = asMfError(err);
    const rateLimited = (err as { statusCode?: number }).statusCode === 429;
    if (!op || !mf || rateLimited) return undefined;
    return { [responseElement(op)]: soapResponse({ error: mf }) } as SoapOutRecord;
  };
}

/** The SOAP services built from the registry: Invoicing (at its paths and the v1.1 one) and TaxCommunication. */
export function mfSoapServices(kit: DialectKit, operations: readonly MfOperation[]): SoapServiceDef[] {
  return SERVICES.map((s) => {
    const ops = operations.filter((op) => op.service === s.service);
    const byName = new Map(ops.map((op) => [op.name, op]));
    return {
      paths: s.paths,
      namespace: s.namespace,
      namespaces: s.also,
      wsdl: buildWsdl({ name: s.name, namespace: s.namespace, operations: ops }),
      operations: Object.fromEntries(ops.map((op) => [op.name, soapOperation(op, kit)])),
      onRefusal: refusalAnswer(byName),
    };
  });
}
