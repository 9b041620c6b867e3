import fc from 'fast-check';
import { XMLBuilder } from 'fast-xml-parser';
import { hostileValue, rawQueryValues, setAt, encodeRaw, NUL_TEXT, type FieldPath, type Json } from './fuzz-inputs.js';

// The MagniFinance surface's requests for the fuzz pass: every SOAP operation of the Invoicing and TaxCommunication
// services (1.1 and 1.2) and every REST route, each plausible but for one hostile part.

export interface MfCredentials {
  email: string;
  token: string;
  password: string;
}

export interface MfSent {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** The operation or route, for the histogram. */
  op: string;
  what: string;
}

const INVOICING = '/magnifinance/MagniAPI/Invoicing.asmx';
const TAX = '/magnifinance/MagniAPI/TaxCommunication.asmx';
const REST = '/magnifinance/api/v1.1';
const NS = { invoicing: 'http://MagniAPI/Invoicing/', tax: 'http://MagniAPI/TaxCommunication/' };
const ENV = { '1.1': 'http://schemas.xmlsoap.org/soap/envelope/', '1.2': 'http://www.w3.org/2003/05/soap-envelope' };
const CT = { '1.1': 'text/xml; charset=utf-8', '1.2': 'application/soap+xml; charset=utf-8' };

const today = new Date().toISOString().slice(0, 10);
const client = { NIF: '123456789', Name: 'Cliente Fuzz', Address: 'Rua A, 1', City: 'Porto', PostCode: '4000-001' };
const line = { Code: 'KWH', Description: 'Energia', UnitPrice: '0.25', Quantity: '4', Unit: 'kWh', Type: 'S' };
const product = { ...line, TaxValue: '23' };
const document = { Date: today, Type: 'T', Serie: '', ExternalId: 'fz', Lines: [{ APIInvoicingProduct: product }] };
const address = { AddressDetail: 'Rua B, 2', City: 'Lisboa', PostalCode: '1000-001', CountryCode: 'PT' };
const waybill = {
  Date: today,
  Type: 'T',
  LoadDateTime: `${today}T23:00:00`,
  LoadAddress: address,
  DestinationAddress: address,
  VehicleLicence: 'AA-00-BB',
  Lines: [{ APIInvoicingProduct: product }],
};
const partner = {
  UserName: 'Parceiro',
  UserEmail: 'parceiro-fuzz@example.com',
  CompanyTaxId: '508025338',
  CompanyLegalName: 'Parceiro, Lda',
  CompanyAddress: 'Rua C, 3',
  CompanyCity: 'Faro',
  CompanyPostCode: '8000-001',
  CompanyCountry: 'PT',
};

/** The SOAP operations with a plausible body (after the credentials element), aiming at `docId`. */
function soapOps(docId: number) {
  return [
    {
      path: INVOICING,
      ns: NS.invoicing,
      name: 'DocumentCreate',
      body: { Client: client, Document: document, IsToClose: 'true' },
    },
    { path: INVOICING, ns: NS.invoicing, name: 'DocumentGet', body: { DocumentId: String(docId) } },
    { path: INVOICING, ns: NS.invoicing, name: 'DocumentCancel', body: { DocumentId: String(docId) } },
    {
      path: INVOICING,
      ns: NS.invoicing,
      name: 'DocumentGetProperty',
      body: { DocumentId: String(docId), DocumentProperty: 'paymentstatus' },
    },
    {
      path: INVOICING,
      ns: NS.invoicing,
      name: 'WaybillCreate',
      body: { Client: client, Waybill: waybill, IsToClose: 'false' },
    },
    { path: INVOICING, ns: NS.invoicing, name: 'AddPartner', body: { PartnerInformation: partner } },
    { path: INVOICING, ns: NS.invoicing, name: 'GetPartnerAccessTokens', body: { PartnerTaxId: '508025338' } },
    { path: INVOICING, ns: NS.invoicing, name: 'ClientGet', body: { TaxId: '123456789', CountryCode: 'PT' } },
    { path: INVOICING, ns: NS.invoicing, name: 'TaxIdValidation', body: { TaxId: '123456789', CountryCode: 'PT' } },
    {
      path: TAX,
      ns: NS.tax,
      name: 'ActivationSet',
      body: { activation: { Username: '503340855/1', Password: 'x', IsActive: 'false' } },
    },
    { path: TAX, ns: NS.tax, name: 'ActivationGet', body: {} },
    {
      path: TAX,
      ns: NS.tax,
      name: 'CommunicationList',
      body: { parameters: { TotalElements: '0', ElementsPerPage: '10', CurrentPage: '1' } },
    },
  ];
}

/** The REST routes with a plausible query or body. */
interface RestOp {
  method: string;
  route: string;
  body?: object;
  query?: Record<string, string>;
}

function restOps(docId: number): RestOp[] {
  const id = { documentId: String(docId) };
  const flatDocument = { ...document, Lines: [product] };
  return [
    { method: 'POST', route: '/document', body: { IsToClose: 'true', Client: client, Document: flatDocument } },
    { method: 'GET', route: '/document', query: id },
    { method: 'PATCH', route: '/document', query: id },
    { method: 'GET', route: '/document/property', query: id },
    { method: 'POST', route: '/document/waybill', body: { Client: client, Waybill: { ...waybill, Lines: [product] } } },
    { method: 'POST', route: '/partner', body: { PartnerInformation: partner } },
    { method: 'GET', route: '/partner/accessTokens', query: { partnerTaxId: '508025338' } },
    { method: 'GET', route: '/taxIdValidation', query: { taxId: '123456789', countryCode: 'PT' } },
    { method: 'GET', route: '/client', query: { taxId: '123456789', countryCode: 'PT' } },
  ];
}

/** Every path of a value, containers too (so a mutation puts text where an element goes, and elements in text). */
function allPaths(v: unknown, prefix: FieldPath = [], out: FieldPath[] = []): FieldPath[] {
  if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      const p = [...prefix, Array.isArray(v) ? Number(k) : k];
      out.push(p);
      allPaths(x, p, out);
    }
  return out;
}

/** An XML value for a hostile JSON value: arrays repeat, objects nest, the rest is text. */
const xmlValue = (v: unknown): unknown => (v === null || v === undefined ? '' : typeof v === 'object' ? v : String(v));

const builder = new XMLBuilder({ ignoreAttributes: false, format: false, processEntities: true });

function envelope(version: '1.1' | '1.2', ns: string, name: string, body: unknown): string {
  const tree = {
    'soap:Envelope': { '@_xmlns:soap': ENV[version], 'soap:Body': { [name]: { '@_xmlns': ns, ...(body as object) } } },
  };
  return `<?xml version="1.0" encoding="utf-8"?>${builder.build(tree)}`;
}

const deep = (n: number, leaf: string) => `${'<a>'.repeat(n)}${leaf}${'</a>'.repeat(n)}`;

/**
 * Whole-envelope attacks, each a function of a valid envelope's parts: they replace the body text or bytes, or the
 * content type, so the parser, the reader and the operation see what clients never send on purpose.
 */
function rawSoap(version: '1.1' | '1.2', op: { ns: string; name: string }, auth: object, body: object) {
  const valid = envelope(version, op.ns, op.name, { Authentication: auth, authentication: auth, ...body });
  const [head, tail] = valid.split(`<${op.name} `, 2);
  const inner = (extra: string) => `${head}<${op.name} ${tail.replace(`</${op.name}>`, `${extra}</${op.name}>`)}`;
  const other = version === '1.1' ? '1.2' : '1.1';
  const manyLines = `<Document><Type>T</Type>${'<Lines><APIInvoicingProduct><Description>x</Description><UnitPrice>1</UnitPrice><Quantity>1</Quantity><TaxValue>23</TaxValue></APIInvoicingProduct></Lines>'.repeat(20_000)}</Document>`;
  return [
    {
      what: 'NUL byte raw in text',
      ct: CT[version],
      payload: inner('<Extra>a\u0000b</Extra>').replace('>T<', '>T\u0000<'),
    },
    { what: 'NUL as &#0;', ct: CT[version], payload: inner('<DocumentId>1&#0;</DocumentId><TaxId>1&#0;</TaxId>') },
    { what: '20 000 Lines', ct: CT[version], payload: inner(manyLines) },
    { what: 'deep nesting 5 000', ct: CT[version], payload: inner(`<Document>${deep(5_000, 'x')}</Document>`) },
    {
      what: 'deep nesting 100 in a text',
      ct: CT[version],
      payload: inner(`<DocumentId>${deep(100, '1')}</DocumentId>`),
    },
    {
      what: 'DOCTYPE with entities',
      ct: CT[version],
      payload: valid
        .replace(
          '?>',
          '?><!DOCTYPE e [<!ENTITY x "xxxxxxxxxx"><!ENTITY y "&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;"><!ENTITY z "&y;&y;&y;&y;&y;&y;&y;&y;&y;&y;">]>',
        )
        .replace('<DocumentId>', '<DocumentId>&z;'),
    },
    {
      what: 'external entity',
      ct: CT[version],
      payload: valid.replace('?>', '?><!DOCTYPE e [<!ENTITY f SYSTEM "file:///etc/passwd">]>').replace('>T<', '>&f;<'),
    },
    {
      what: 'non-UTF-8 bytes',
      ct: CT[version],
      payload: Buffer.concat([
        Buffer.from(inner('<Extra>')),
        Buffer.from([0xff, 0xfe, 0xc0, 0x80]),
        Buffer.from('</Extra>'),
      ]),
    },
    {
      what: 'non-UTF-8 bytes in a read field',
      ct: CT[version],
      payload: Buffer.from(
        valid.replace('>Cliente Fuzz<', '>Cliente \u0001<').replace('>123456789<', '>12345678\u00ff<'),
        'latin1',
      ),
    },
    { what: `SOAP ${version} envelope with SOAP ${other}'s content type`, ct: CT[other], payload: valid },
    { what: 'no content type', ct: '', payload: valid },
    { what: 'JSON content type', ct: 'application/json', payload: valid },
    { what: 'truncated', ct: CT[version], payload: valid.slice(0, Math.floor(valid.length / 2)) },
    {
      what: 'empty body element',
      ct: CT[version],
      payload: valid.replace(/<soap:Body>.*<\/soap:Body>/s, '<soap:Body/>'),
    },
    {
      what: 'two operations in the body',
      ct: CT[version],
      payload: valid.replace('</soap:Body>', `<${op.name}/></soap:Body>`),
    },
    {
      what: 'attributes and CDATA',
      ct: CT[version],
      payload: inner('<TaxId a="1"><![CDATA[<x>&amp;\u0000]]></TaxId>'),
    },
  ];
}

/**
 * The MagniFinance requests: per SOAP operation and version, `perOperation` field mutations (hostile values at any
 * path of the body, the credentials element included) plus one raw attack (rotating through rawSoap's list); per
 * REST route, the same over JSON body or query, plus a NUL in a text and one raw body. Fixed seed.
 */
export function mfFuzzRequests(seed: number, perOperation: number, who: MfCredentials, docId: number): MfSent[] {
  const out: MfSent[] = [];
  const auth = { Email: who.email, Token: who.token, Password: who.password };
  soapOps(docId).forEach((op, index) => {
    for (const version of ['1.1', '1.2'] as const) {
      const authName =
        op.path === TAX
          ? 'authentication'
          : op.name === 'GetPartnerAccessTokens'
            ? 'SpecialAuthentication'
            : 'Authentication';
      const base = { [authName]: auth, ...op.body };
      const paths = allPaths(base);
      const samples = fc.sample(fc.record({ at: fc.nat(), value: hostileValue }), {
        seed: seed + index * 2 + (version === '1.1' ? 0 : 1),
        numRuns: perOperation,
      });
      for (const s of samples) {
        const path = paths[s.at % paths.length];
        const body = setAt(base, path, xmlValue(s.value));
        let payload: string;
        try {
          payload = envelope(version, op.ns, op.name, body);
        } catch {
          continue;
        }
        const shown = JSON.stringify(s.value)?.slice(0, 60);
        out.push({
          method: 'POST',
          url: op.path,
          headers: { 'content-type': CT[version] },
          payload,
          op: `soap ${op.name}`,
          what: `SOAP ${version} ${op.name} ${path.join('.')} = ${shown}`,
        });
      }
      const raws = rawSoap(version, op, auth, op.body);
      const raw = raws[(index * 2 + (version === '1.1' ? 0 : 1)) % raws.length];
      const headers: Record<string, string> = raw.ct ? { 'content-type': raw.ct } : {};
      out.push({
        method: 'POST',
        url: op.path,
        headers,
        payload: raw.payload,
        op: `soap ${op.name}`,
        what: `SOAP ${version} ${op.name}: ${raw.what}`,
      });
    }
  });
  const restHeaders = { email: who.email, token: who.token, password: who.password };
  const rawRest: { what: string; ct: string; payload: string | Buffer }[] = [
    {
      what: 'NUL in JSON text',
      ct: 'application/json',
      payload: '{"Document":{"Description":"a\\u0000b","Lines":[{"Description":"\\u0000"}]}}',
    },
    { what: 'raw NUL byte', ct: 'application/json', payload: '{"Client":{"Name":"a\u0000b"}}' },
    {
      what: 'non-UTF-8 bytes',
      ct: 'application/json',
      payload: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    },
    {
      what: 'deep nesting',
      ct: 'application/json',
      payload: `{"Document":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`,
    },
    {
      what: 'deep arrays',
      ct: 'application/json',
      payload: `{"Document":{"Lines":${'['.repeat(3000)}${']'.repeat(3000)}}}`,
    },
    {
      what: '20 000 Lines',
      ct: 'application/json',
      payload: JSON.stringify({
        IsToClose: true,
        Client: client,
        Document: { Type: 'T', Lines: Array(20_000).fill(product) },
      }),
    },
    { what: 'Lines is text', ct: 'application/json', payload: JSON.stringify({ Document: { Type: 'T', Lines: 'x' } }) },
    {
      what: 'Document is an array',
      ct: 'application/json',
      payload: JSON.stringify({ Document: [document], Client: [] }),
    },
    { what: 'a body that is a string', ct: 'application/json', payload: '"x"' },
    { what: 'a body that is null', ct: 'application/json', payload: 'null' },
    {
      what: 'huge number',
      ct: 'application/json',
      payload: '{"Document":{"Lines":[{"UnitPrice":1e999,"Quantity":-1e308}]}}',
    },
    {
      what: 'proto pollution',
      ct: 'application/json',
      payload: '{"__proto__":{"IsToClose":true},"constructor":{"prototype":{"x":1}}}',
    },
    { what: 'XML body', ct: 'text/xml', payload: '<a>\u0000</a>' },
  ];
  restOps(docId).forEach((op, index) => {
    const url = (query?: Record<string, string>) => {
      const q = Object.entries(query ?? {}).map(([k, v]) => `${encodeURIComponent(k)}=${v}`);
      return `${REST}${op.route}${q.length ? `?${q.join('&')}` : ''}`;
    };
    const json = { ...restHeaders, 'content-type': 'application/json' };
    const samples = fc.sample(
      fc.record({ at: fc.nat(), value: hostileValue, raw: fc.constantFrom(...rawQueryValues) }),
      {
        seed: seed + 1000 + index,
        numRuns: perOperation,
      },
    );
    for (const s of samples) {
      if (op.body) {
        const paths = allPaths(op.body);
        const path = paths[s.at % paths.length];
        const body = setAt(op.body, path, s.value) as Json;
        const shown = JSON.stringify(s.value)?.slice(0, 60);
        out.push({
          method: op.method,
          url: url(),
          headers: json,
          payload: JSON.stringify(body),
          op: `rest ${op.route}`,
          what: `${path.join('.')} = ${shown}`,
        });
      } else {
        const keys = Object.keys(op.query ?? {});
        const key = keys[s.at % keys.length];
        const value = s.at % 2 ? s.raw : encodeRaw(String(s.value));
        out.push({
          method: op.method,
          url: url({ ...op.query, [key]: value }),
          headers: restHeaders,
          op: `rest ${op.route}`,
          what: `?${key}=${value.slice(0, 60)}`,
        });
      }
    }
    if (op.body) {
      const texts = allPaths(op.body).filter((p) => typeof p.reduce<any>((v, k) => v?.[k], op.body) === 'string');
      const path = texts[index % texts.length];
      const body = JSON.stringify(setAt(op.body, path, NUL_TEXT));
      out.push({
        method: op.method,
        url: url(),
        headers: json,
        payload: body,
        op: `rest ${op.route}`,
        what: `${path.join('.')} = NUL`,
      });
    } else {
      const key = Object.keys(op.query ?? {})[0];
      out.push({
        method: op.method,
        url: url({ ...op.query, [key]: 'a%00b' }),
        headers: restHeaders,
        op: `rest ${op.route}`,
        what: `?${key}=a%00b`,
      });
    }
  });
  // Every raw REST body on POST /document, where the body is read most.
  for (const raw of rawRest)
    out.push({
      method: 'POST',
      url: `${REST}/document`,
      headers: { ...restHeaders, 'content-type': raw.ct },
      payload: raw.payload,
      op: 'rest /document',
      what: `raw: ${raw.what}`,
    });
  // And every raw SOAP attack once on DocumentCreate in both versions.
  const create = soapOps(docId)[0];
  for (const version of ['1.1', '1.2'] as const)
    for (const raw of rawSoap(version, create, auth, create.body))
      out.push({
        method: 'POST',
        url: create.path,
        headers: raw.ct ? { 'content-type': raw.ct } : {},
        payload: raw.payload,
        op: 'soap DocumentCreate',
        what: `SOAP ${version} DocumentCreate: ${raw.what}`,
      });
  return out;
}
