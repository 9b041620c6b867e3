import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomInt } from 'node:crypto';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { isValidPtNif } from '../../src/domain/pt/nif.js';
import { aesEcbDecrypt, decryptNonce, WSSE_NS } from '../../src/integrations/at/wsse.js';
import { readShared, skipUnlessShared } from './shared.js';
import { XsdLite } from './xsd-lite.js';

/**
 * A fake AT for the test suite (portugal.md §8.5): a real HTTP server on 127.0.0.1 speaking SeriesWS, sgdtws
 * documentosTransporte and fatcorews. It parses the SOAP envelope, opens the WS-Security header with the fake
 * AT private key (nonce reuse, Created window, username format, password), validates the body against the
 * schemas of the saved WSDLs with libxml2 (element order included), applies the business rules, and can be
 * told to fail (HTTP 503, SOAP faults, AT codes, silence) to exercise retries.
 */
const WSSE_DIR = ['specs', 'pt', 'wsse'];
const WSDL_DIR = ['specs', 'pt', 'wsdl'];
export const FAKE_AT_FILES = [
  [...WSSE_DIR, 'FAKE_AT_SA_private_key_for_tests_only.pem'],
  [...WSSE_DIR, 'FAKE_AT_SA_public_key_for_tests_only.pem'],
  [...WSDL_DIR, 'documentosTransporte.wsdl'],
  [...WSDL_DIR, 'Fatcorews.wsdl'],
];

/** node:test option: skip with a clear message when ../shared (fake AT key, WSDLs) is absent. */
export function skipUnlessFakeAt(): { skip: string | false } {
  for (const f of FAKE_AT_FILES) {
    const s = skipUnlessShared(...f);
    if (s.skip) return s;
  }
  return { skip: false };
}

const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const SERIES_NS = 'http://at.gov.pt/';
const TRANSPORT_NS = 'https://servicos.portaldasfinancas.gov.pt/sgdtws/documentosTransporte/';
const INVOICE_NS = 'http://factemi.at.min_financas.pt/documents';

export type FakeService = 'series' | 'transport' | 'invoices';
export const FAKE_PATHS: Record<FakeService, string> = {
  series: '/SeriesWSService',
  transport: '/sgdtws/documentosTransporte',
  invoices: '/fatcorews/ws/',
};

/** What the next request(s) get instead of a normal answer. */
export type FailMode =
  | 'http503'
  | 'serverFault'
  | 'clientFault'
  /** No answer at all: the caller times out. */
  | 'timeout'
  /** The request is processed (AT keeps it) but the answer never comes back. */
  | 'processThenHang'
  /** A business answer with this code (ReturnCode / codResultOper / CodigoResposta). */
  | { code: number; message?: string };

export interface FakeAtRequest {
  service: FakeService;
  operation: string;
  username: string | null;
  /** 0 when authentication passed. */
  authCode: number | null;
  /** The operation element as parsed (namespace prefixes removed, every value a string). */
  body: Record<string, any>;
  returned: string;
}

export interface FakeSeries {
  nif: string;
  serie: string;
  tipoSerie: string;
  classeDoc: string;
  tipoDoc: string;
  numInicialSeq: string;
  dataInicioPrevUtiliz: string;
  numCertSWFatur: string;
  meioProcessamento: string;
  codValidacaoSerie: string;
  estado: 'A' | 'F' | 'N';
  seqUltimoDocEmitido?: string;
  dataRegisto: string;
}

const CLASS_OF: Record<string, string> = {
  FT: 'SI',
  FS: 'SI',
  FR: 'SI',
  NC: 'SI',
  ND: 'SI',
  GT: 'MG',
  GR: 'MG',
  GA: 'MG',
  GC: 'MG',
  GD: 'MG',
  OR: 'WD',
  PF: 'WD',
  NE: 'WD',
  FO: 'WD',
  CM: 'WD',
  CC: 'WD',
  FC: 'WD',
  OU: 'WD',
  RC: 'PY',
  RG: 'PY',
};

/** SeriesWS has no saved WSDL: its request types, transcribed from portugal.md §3.2 (JAX-WS classes of DMA). */
export const SERIES_XSD = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="http://at.gov.pt/" targetNamespace="http://at.gov.pt/">
  <xs:simpleType name="serie"><xs:restriction base="xs:string"><xs:minLength value="1"/><xs:maxLength value="35"/><xs:pattern value="[A-Za-z0-9._\\-]+"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="tipoSerie"><xs:restriction base="xs:string"><xs:enumeration value="N"/><xs:enumeration value="F"/><xs:enumeration value="R"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="classeDoc"><xs:restriction base="xs:string"><xs:enumeration value="SI"/><xs:enumeration value="MG"/><xs:enumeration value="WD"/><xs:enumeration value="PY"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="tipoDoc"><xs:restriction base="xs:string"><xs:pattern value="[A-Z]{2}"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="meio"><xs:restriction base="xs:string"><xs:enumeration value="PI"/><xs:enumeration value="PF"/><xs:enumeration value="OM"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="estado"><xs:restriction base="xs:string"><xs:enumeration value="A"/><xs:enumeration value="N"/><xs:enumeration value="F"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="motivo"><xs:restriction base="xs:string"><xs:enumeration value="ER"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="codigo"><xs:restriction base="xs:string"><xs:pattern value="[A-Z0-9]{8,}"/></xs:restriction></xs:simpleType>
  <xs:element name="registarSerie"><xs:complexType><xs:sequence>
    <xs:element name="serie" type="tns:serie"/><xs:element name="tipoSerie" type="tns:tipoSerie"/><xs:element name="classeDoc" type="tns:classeDoc"/>
    <xs:element name="tipoDoc" type="tns:tipoDoc"/><xs:element name="numInicialSeq" type="xs:positiveInteger"/><xs:element name="dataInicioPrevUtiliz" type="xs:date"/>
    <xs:element name="numCertSWFatur" type="xs:nonNegativeInteger"/><xs:element name="meioProcessamento" type="tns:meio"/>
  </xs:sequence></xs:complexType></xs:element>
  <xs:element name="finalizarSerie"><xs:complexType><xs:sequence>
    <xs:element name="serie" type="tns:serie"/><xs:element name="classeDoc" type="tns:classeDoc"/><xs:element name="tipoDoc" type="tns:tipoDoc"/>
    <xs:element name="codValidacaoSerie" type="tns:codigo"/><xs:element name="seqUltimoDocEmitido" type="xs:nonNegativeInteger"/>
    <xs:element name="justificacao" type="xs:string" minOccurs="0"/>
  </xs:sequence></xs:complexType></xs:element>
  <xs:element name="anularSerie"><xs:complexType><xs:sequence>
    <xs:element name="serie" type="tns:serie"/><xs:element name="classeDoc" type="tns:classeDoc"/><xs:element name="tipoDoc" type="tns:tipoDoc"/>
    <xs:element name="codValidacaoSerie" type="tns:codigo"/><xs:element name="motivo" type="tns:motivo"/><xs:element name="declaracaoNaoEmissao" type="xs:boolean"/>
  </xs:sequence></xs:complexType></xs:element>
  <xs:element name="consultarSeries"><xs:complexType><xs:sequence>
    <xs:element name="serie" type="tns:serie" minOccurs="0"/><xs:element name="tipoSerie" type="tns:tipoSerie" minOccurs="0"/>
    <xs:element name="classeDoc" type="tns:classeDoc" minOccurs="0"/><xs:element name="tipoDoc" type="tns:tipoDoc" minOccurs="0"/>
    <xs:element name="codValidacaoSerie" type="tns:codigo" minOccurs="0"/><xs:element name="dataRegistoDe" type="xs:date" minOccurs="0"/>
    <xs:element name="dataRegistoAte" type="xs:date" minOccurs="0"/><xs:element name="estado" type="tns:estado" minOccurs="0"/>
    <xs:element name="meioProcessamento" type="tns:meio" minOccurs="0"/>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>`;

/** The <schema> of a WSDL as a standalone XSD: namespace declarations of wsdl:definitions copied onto it. */
export function schemaOfWsdl(wsdl: string): string {
  const text = wsdl.replace(/^\uFEFF/, '');
  const defs = /<wsdl:definitions\b[^>]*>/.exec(text)?.[0] ?? '';
  const m = /<((?:\w+:)?schema)\b([^>]*)>[\s\S]*<\/\1>/.exec(text);
  if (!m) throw new Error('no schema in WSDL');
  let schema = m[0];
  const declared = new Set([...m[2].matchAll(/xmlns(:\w+)?=/g)].map((x) => x[1] ?? ''));
  const extra = [...defs.matchAll(/xmlns(:\w+)?="([^"]*)"/g)]
    .filter((x) => !declared.has(x[1] ?? ''))
    .map((x) => `xmlns${x[1] ?? ''}="${x[2]}"`);
  schema = schema.replace(`<${m[1]}`, `<${m[1]} ${extra.join(' ')}`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${schema}`;
}

type PNode = Record<string, any>;
const tagOf = (n: PNode) => Object.keys(n).find((k) => k !== ':@' && k !== '#text');
const localOf = (tag: string) => (tag.includes(':') ? tag.slice(tag.indexOf(':') + 1) : tag);
const prefixOf = (tag: string) => (tag.includes(':') ? tag.slice(0, tag.indexOf(':')) : '');
const kids = (n: PNode): PNode[] => {
  const t = tagOf(n);
  return t ? (n[t] as PNode[]) : [];
};
const attrsOf = (n: PNode): Record<string, string> => n[':@'] ?? {};
const childNamed = (n: PNode, local: string) =>
  kids(n).find((k) => {
    const t = tagOf(k);
    return t && localOf(t) === local;
  });
function nsOf(tag: string, chain: PNode[]): string | undefined {
  const key = prefixOf(tag) ? `@_xmlns:${prefixOf(tag)}` : '@_xmlns';
  for (let i = chain.length - 1; i >= 0; i--) {
    const v = attrsOf(chain[i])[key];
    if (v !== undefined) return v;
  }
  return undefined;
}

const orderedParser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  trimValues: true,
});
const orderedBuilder = new XMLBuilder({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '@_' });
const REPEAT = new Set([
  'Line',
  'LineSummary',
  'OrderReferences',
  'Reference',
  'WithholdingTax',
  'ResponseStatus',
  'infoSerie',
]);
const valueParser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (n) => REPEAT.has(n),
});
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_' });

const envelope = (body: Record<string, unknown>) =>
  `<?xml version="1.0" encoding="UTF-8"?>${builder.build({ 'S:Envelope': { '@_xmlns:S': SOAP_NS, 'S:Body': body } })}`;
const fault = (code: 'Client' | 'Server', message: string) =>
  envelope({ 'S:Fault': { faultcode: `S:${code}`, faultstring: message } });

class Reply {
  constructor(
    readonly status: number,
    readonly body: string,
    readonly contentType = 'text/xml; charset=utf-8',
    readonly code = '',
  ) {}
}

export interface FakeAtOptions {
  /** Accepted clock skew of Created, both ways (default 5 minutes). */
  createdWindowMs?: number;
}

export class FakeAtServer {
  url = '';
  readonly requests: FakeAtRequest[] = [];
  readonly users = new Map<string, string>();
  readonly series: FakeSeries[] = [];
  readonly transportDocs = new Map<
    string,
    { nif: string; documentNumber: string; atcud?: string; atDocCodeId: string; status: string }
  >();
  readonly invoices = new Map<string, { nif: string; invoiceNo: string; status: string; history: string[] }>();
  /** Whether -3 (already registered) returns the code given the first time. */
  duplicateReturnsCode = true;
  readonly publicKeyPem = readShared(...WSSE_DIR, 'FAKE_AT_SA_public_key_for_tests_only.pem');
  private readonly privateKeyPem = readShared(...WSSE_DIR, 'FAKE_AT_SA_private_key_for_tests_only.pem');
  private readonly schemas: Record<FakeService, XsdLite> = {
    series: new XsdLite(SERIES_XSD),
    transport: new XsdLite(schemaOfWsdl(readShared(...WSDL_DIR, 'documentosTransporte.wsdl'))),
    invoices: new XsdLite(schemaOfWsdl(readShared(...WSDL_DIR, 'Fatcorews.wsdl'))),
  };
  private readonly seenKs = new Set<string>();
  private failures: FailMode[] = [];
  private readonly server: http.Server;
  private readonly createdWindowMs: number;
  private docCounter = 100000000;

  constructor(opts: FakeAtOptions = {}) {
    this.createdWindowMs = opts.createdWindowMs ?? 5 * 60_000;
    this.server = http.createServer((req, res) => {
      void this.handle(req, res);
    });
  }

  get endpoints(): Record<FakeService, string> {
    return {
      series: this.url + FAKE_PATHS.series,
      transport: this.url + FAKE_PATHS.transport,
      invoices: this.url + FAKE_PATHS.invoices,
    };
  }

  async listen(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  addUser(username: string, password: string): void {
    this.users.set(username, password);
  }

  /** The next `times` requests (any service) fail this way. */
  failNext(mode: FailMode, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push(mode);
  }

  clearFailures(): void {
    this.failures = [];
  }

  requestsFor(operation: string): FakeAtRequest[] {
    return this.requests.filter((r) => r.operation === operation);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const service = (Object.entries(FAKE_PATHS) as [FakeService, string][]).find(
      ([, p]) => req.url === p || req.url === p.replace(/\/$/, ''),
    )?.[0];
    const send = (r: Reply) => {
      res.writeHead(r.status, { 'content-type': r.contentType });
      res.end(r.body);
    };
    if (!service || req.method !== 'POST') return send(new Reply(404, 'not found', 'text/plain'));
    if (!/^text\/xml/.test(req.headers['content-type'] ?? '') || req.headers.soapaction === undefined)
      return send(new Reply(415, 'SOAP 1.1 expected', 'text/plain'));
    const failure = this.failures.shift();
    if (failure === 'timeout') return; // never answers; close() drops the socket
    if (failure === 'http503')
      return send(new Reply(503, '<html><body>Service Unavailable</body></html>', 'text/html'));
    if (failure === 'serverFault') return send(new Reply(500, fault('Server', 'Erro interno do servidor')));
    if (failure === 'clientFault') return send(new Reply(500, fault('Client', 'Erro - Pedido do Cliente')));
    let reply: Reply;
    try {
      reply = this.process(
        service,
        Buffer.concat(chunks).toString('utf8'),
        typeof failure === 'object' ? failure : undefined,
      );
    } catch (err) {
      reply = new Reply(500, fault('Server', (err as Error).message));
    }
    if (failure === 'processThenHang') return;
    send(reply);
  }

  private process(service: FakeService, xml: string, forced?: { code: number; message?: string }): Reply {
    let tree: PNode[];
    try {
      tree = orderedParser.parse(xml) as PNode[];
    } catch {
      return new Reply(500, fault('Client', 'Erro - Pedido do Cliente'));
    }
    const env = tree.find((n) => {
      const t = tagOf(n);
      return t && localOf(t) === 'Envelope';
    });
    if (!env || nsOf(tagOf(env)!, [env]) !== SOAP_NS)
      return new Reply(500, fault('Client', 'Erro - Pedido do Cliente'));
    const header = childNamed(env, 'Header');
    const body = childNamed(env, 'Body');
    const op = body ? kids(body).find((k) => tagOf(k)) : undefined;
    if (!body || !op) return new Reply(500, fault('Client', 'Erro - Pedido do Cliente'));

    // The operation element on its own, with the namespace declarations it inherits, validated against the service schema.
    const opTag = tagOf(op)!;
    const inherited: Record<string, string> = {};
    for (const n of [env, body])
      for (const [k, v] of Object.entries(attrsOf(n))) if (k.startsWith('@_xmlns')) inherited[k] = v;
    const standalone = { [opTag]: op[opTag], ':@': { ...inherited, ...attrsOf(op) } };
    const opXml = orderedBuilder.build([standalone]) as string;
    const problems = this.schemas[service].validateXml(opXml);
    const values = (valueParser.parse(opXml) as Record<string, any>)[localOf(opTag)] ?? {};
    const record: FakeAtRequest = {
      service,
      operation: localOf(opTag),
      username: null,
      authCode: null,
      body: values,
      returned: '',
    };
    this.requests.push(record);
    if (problems.length) {
      record.returned = `fault:Client ${problems.join(' | ')}`;
      return new Reply(500, fault('Client', 'Erro - Pedido do Cliente'));
    }
    const operation = service === 'invoices' ? localOf(opTag).replace(/Request$/, '') : localOf(opTag);
    record.operation = operation;

    const auth = this.authenticate(header, env);
    record.username = auth.username;
    record.authCode = auth.code;
    const answer = (code: number, message: string, extra: Record<string, unknown> = {}) => {
      record.returned = String(code);
      return new Reply(200, this.answer(service, operation, code, message, extra));
    };
    if (auth.code !== 0) return answer(auth.code, auth.message);
    if (forced) return answer(forced.code, forced.message ?? `Erro simulado ${forced.code}`);
    const nif = auth.username!.split('/')[0];
    if (service === 'series') return this.seriesOp(operation, nif, values, answer);
    if (service === 'transport') return this.transportOp(nif, values, answer);
    return this.invoiceOp(operation, nif, values, answer);
  }

  private authenticate(
    header: PNode | undefined,
    env: PNode,
  ): { code: number; message: string; username: string | null } {
    const fail = (code: number, message: string, username: string | null = null) => ({ code, message, username });
    const security = header
      ? kids(header).find((k) => {
          const t = tagOf(k);
          return t && localOf(t) === 'Security';
        })
      : undefined;
    if (!header || !security) return fail(50, 'Header inexistente ou vazio');
    // NOTE: AT only accepts the 2002/12 secext namespace (the OASIS 2004 one is refused).
    if (nsOf(tagOf(security)!, [env, header, security]) !== WSSE_NS) return fail(33, 'Pedido SOAP inválido');
    const token = childNamed(security, 'UsernameToken');
    const field = (name: string) => {
      const n = token ? childNamed(token, name) : undefined;
      return n ? String(kids(n).find((k) => '#text' in k)?.['#text'] ?? '') : '';
    };
    const username = field('Username');
    if (!username) return fail(1, 'Utilizador não preenchido');
    if (!/^\d{9}\//.test(username)) return fail(4, 'Utilizador com formato inválido', username);
    if (!/^\d{9}\/\d+$/.test(username)) return fail(5, 'Subutilizador com formato inválido', username);
    if (!isValidPtNif(username.slice(0, 9))) return fail(3, 'NIF inválido', username);
    const nonce = field('Nonce').replace(/\s+/g, '');
    if (!nonce) return fail(12, 'Chave simétrica não preenchida', username);
    if (!/^[A-Za-z0-9+/]+=*$/.test(nonce)) return fail(7, 'Codificação Base64 inválida', username);
    let ks: Buffer;
    try {
      ks = decryptNonce(nonce, this.privateKeyPem);
    } catch {
      return fail(8, 'Cifra da chave pública inválida', username);
    }
    if (ks.length !== 16) return fail(8, 'Cifra da chave pública inválida', username);
    const ksHex = ks.toString('hex');
    if (this.seenKs.has(ksHex)) return fail(13, 'Chave simétrica repetida', username);
    this.seenKs.add(ksHex);
    const createdB64 = field('Created');
    if (!createdB64) return fail(9, 'Timestamp não preenchido', username);
    let created: string;
    try {
      created = aesEcbDecrypt(ks, createdB64);
    } catch {
      return fail(16, 'Chave de sessão inválida. Não foi possível decifrar o campo Created', username);
    }
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(created) || Number.isNaN(Date.parse(created)))
      return fail(10, 'Formato do timestamp inválido', username);
    if (Math.abs(Date.now() - Date.parse(created)) > this.createdWindowMs)
      return fail(11, 'Validade da credencial expirada', username);
    const passwordB64 = field('Password');
    if (!passwordB64) return fail(6, 'Senha não preenchida', username);
    let password: string;
    try {
      password = aesEcbDecrypt(ks, passwordB64);
    } catch {
      return fail(17, 'Chave de sessão inválida. Não foi possível decifrar o campo Password', username);
    }
    if (this.users.get(username) !== password) return fail(99, 'Erro na validação da senha', username);
    return { code: 0, message: '', username };
  }

  private answer(
    service: FakeService,
    operation: string,
    code: number,
    message: string,
    extra: Record<string, unknown>,
  ): string {
    if (service === 'series') {
      return envelope({
        [`ns2:${operation}Response`]: {
          '@_xmlns:ns2': SERIES_NS,
          [`${operation}Resp`]: { ...extra, infoResultOper: { codResultOper: code, msgResultOper: message } },
        },
      });
    }
    if (service === 'transport') {
      const statuses = (extra.statuses as { code: number; message: string }[] | undefined) ?? [{ code, message }];
      const { statuses: _s, ...rest } = extra;
      return envelope({
        'ns2:envioDocumentoTransporteResponseElem': {
          '@_xmlns:ns2': TRANSPORT_NS,
          ResponseStatus: statuses.map((s) => ({ ReturnCode: s.code, ReturnMessage: s.message })),
          ...rest,
        },
      });
    }
    return envelope({
      [`ns2:${operation}Response`]: {
        '@_xmlns:ns2': INVOICE_NS,
        'ns2:Response': {
          'ns2:CodigoResposta': code,
          'ns2:Mensagem': message,
          'ns2:DataOperacao': new Date().toISOString().slice(0, 19),
        },
      },
    });
  }

  private newValidationCode(): string {
    const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
    for (;;) {
      const code = Array.from({ length: 8 }, () => alphabet[randomInt(alphabet.length)]).join('');
      if (!this.series.some((s) => s.codValidacaoSerie === code)) return code;
    }
  }

  private seriesInfo(s: FakeSeries) {
    return {
      serie: s.serie,
      tipoSerie: s.tipoSerie,
      classeDoc: s.classeDoc,
      tipoDoc: s.tipoDoc,
      numInicialSeq: s.numInicialSeq,
      dataInicioPrevUtiliz: s.dataInicioPrevUtiliz,
      seqUltimoDocEmitido: s.seqUltimoDocEmitido,
      meioProcessamento: s.meioProcessamento,
      numCertSWFatur: s.numCertSWFatur,
      codValidacaoSerie: s.codValidacaoSerie,
      dataRegisto: s.dataRegisto,
      estado: s.estado,
      dataEstado: new Date().toISOString().slice(0, 19),
      nifComunicou: s.nif,
    };
  }

  private seriesOp(
    operation: string,
    nif: string,
    b: Record<string, any>,
    answer: (code: number, message: string, extra?: Record<string, unknown>) => Reply,
  ): Reply {
    const find = () =>
      this.series.find(
        (s) => s.nif === nif && s.serie === b.serie && s.tipoDoc === b.tipoDoc && s.classeDoc === b.classeDoc,
      );
    if (operation === 'registarSerie') {
      if (/^AT/i.test(b.serie)) return answer(3001, 'Os identificadores de série iniciados por AT estão reservados.');
      if (CLASS_OF[b.tipoDoc] !== b.classeDoc)
        return answer(3003, 'O tipo de documento não pertence à classe indicada.');
      const existing = find();
      if (existing && existing.estado !== 'N') return answer(3002, 'A série já se encontra registada.');
      const s: FakeSeries = {
        nif,
        serie: b.serie,
        tipoSerie: b.tipoSerie,
        classeDoc: b.classeDoc,
        tipoDoc: b.tipoDoc,
        numInicialSeq: b.numInicialSeq,
        dataInicioPrevUtiliz: b.dataInicioPrevUtiliz,
        numCertSWFatur: b.numCertSWFatur,
        meioProcessamento: b.meioProcessamento,
        codValidacaoSerie: this.newValidationCode(),
        estado: 'A',
        dataRegisto: new Date().toISOString().slice(0, 10),
      };
      this.series.push(s);
      return answer(2001, 'Serie registada com sucesso.', { infoSerie: this.seriesInfo(s) });
    }
    if (operation === 'finalizarSerie' || operation === 'anularSerie') {
      const s = find();
      if (!s || s.codValidacaoSerie !== b.codValidacaoSerie) return answer(3004, 'Série inexistente.');
      if (s.estado !== 'A') return answer(3005, 'A série não se encontra ativa.');
      if (operation === 'anularSerie') {
        s.estado = 'N';
        return answer(2003, 'Serie anulada com sucesso.', { infoSerie: this.seriesInfo(s) });
      }
      s.estado = 'F';
      s.seqUltimoDocEmitido = b.seqUltimoDocEmitido;
      return answer(2004, 'Serie finalizada com sucesso.', { infoSerie: this.seriesInfo(s) });
    }
    const list = this.series.filter(
      (s) =>
        s.nif === nif &&
        (
          ['serie', 'tipoSerie', 'classeDoc', 'tipoDoc', 'codValidacaoSerie', 'estado', 'meioProcessamento'] as const
        ).every((k) => b[k] === undefined || b[k] === s[k]),
    );
    return answer(2002, 'Consulta efetuada com sucesso.', { infoSerie: list.map((s) => this.seriesInfo(s)) });
  }

  private transportOp(
    nif: string,
    b: Record<string, any>,
    answer: (code: number, message: string, extra?: Record<string, unknown>) => Reply,
  ): Reply {
    if (b.TaxRegistrationNumber !== nif)
      return answer(-7, 'O NIF do Remetente não corresponde ao NIF do Header do pedido');
    const key = `${nif}|${b.DocumentNumber}`;
    const existing = this.transportDocs.get(key);
    if (b.MovementStatus === 'A') {
      if (!existing || (b.ATDocCodeID && b.ATDocCodeID !== existing.atDocCodeId))
        return answer(-8, 'O Código AT está preenchido mas não existe Documento de Transporte');
      if (existing.status === 'A') return answer(-4, 'Já foi anulado o Documento de Transporte com o número fornecido');
      existing.status = 'A';
      return answer(0, 'Documento anulado com sucesso.', { DocumentNumber: b.DocumentNumber });
    }
    if (existing) {
      return answer(
        -3,
        'Já foi inserido um Documento de Transporte com o número fornecido',
        this.duplicateReturnsCode ? { DocumentNumber: b.DocumentNumber, ATDocCodeID: existing.atDocCodeId } : {},
      );
    }
    const customer = b.CustomerTaxID ?? b.SupplierTaxID;
    if (customer && /^\d{9}$/.test(customer) && !isValidPtNif(customer))
      return answer(-20, 'O NIF do destinatário é inválido');
    const start = Date.parse(`${b.MovementStartTime}Z`) - 3600_000; // Lisbon local time, read generously
    if (start > Date.now() + 92 * 86_400_000)
      return answer(-21, 'A data de início de transporte só pode ter no máximo 3 meses de antecedência');
    const alerts: { code: number; message: string }[] = [];
    if (start < Date.now() - 3600_000)
      alerts.push({
        code: -100,
        message:
          'A data início de transporte é inferior à data atual, pelo que esta informação será considerada uma mera comunicação de dados à AT',
      });
    let okMessage = 'Documento registado com sucesso.';
    if (b.ATCUD) {
      const m = /^([A-Z0-9]{8,})-(\d+)$/.exec(b.ATCUD);
      if (!m) return answer(-22, 'O ATCUD não está preenchido ou tem um formato inválido');
      const s = this.series.find(
        (x) =>
          x.nif === nif &&
          x.codValidacaoSerie === m[1] &&
          x.classeDoc === 'MG' &&
          x.tipoDoc === b.MovementType &&
          x.estado === 'A',
      );
      if (!s) return answer(-23, 'O ATCUD não corresponde a uma série válida');
      const seq = /\/(\d+)$/.exec(b.DocumentNumber)?.[1];
      if (seq !== m[2]) return answer(-20008, 'A sequência do número do documento não corresponde à do ATCUD');
      if ([...this.transportDocs.values()].some((d) => d.atcud === b.ATCUD))
        return answer(-24, 'O ATCUD já se encontra associado a outro documento');
    } else {
      okMessage =
        'O documento não apresenta um ATCUD válido. Para efeitos de controlo de bens em circulação, deverá fazer-se acompanhar do documento de transporte impresso.';
    }
    this.docCounter += 1;
    const atDocCodeId = String(this.docCounter);
    this.transportDocs.set(key, {
      nif,
      documentNumber: b.DocumentNumber,
      atcud: b.ATCUD,
      atDocCodeId,
      status: b.MovementStatus,
    });
    return answer(0, okMessage, {
      statuses: [{ code: 0, message: okMessage }, ...alerts],
      DocumentNumber: b.DocumentNumber,
      ATCUD: b.ATCUD,
      ATDocCodeID: atDocCodeId,
    });
  }

  private invoiceOp(
    operation: string,
    nif: string,
    b: Record<string, any>,
    answer: (code: number, message: string) => Reply,
  ): Reply {
    if (b.TaxRegistrationNumber !== nif) return answer(54, 'Não tem permissões para aceder a esta operação');
    if (operation === 'RegisterInvoice') {
      const d = b.InvoiceData ?? {};
      const cert = Number(b.SoftwareCertificateNumber);
      if ((cert === 0) !== (d.HashCharacters === '0'))
        return answer(-5, 'Os caracteres do hash não são coerentes com o número de certificado');
      const key = `${nif}|${d.InvoiceNo}`;
      if (this.invoices.has(key)) return answer(-2, 'Documento já registado');
      this.invoices.set(key, {
        nif,
        invoiceNo: d.InvoiceNo,
        status: d.DocumentStatus?.InvoiceStatus,
        history: [d.DocumentStatus?.InvoiceStatus],
      });
      return answer(0, 'Documento registado com sucesso.');
    }
    if (operation === 'ChangeInvoiceStatus') {
      const inv = this.invoices.get(`${nif}|${b.InvoiceHeader?.InvoiceNo}`);
      if (!inv) return answer(-3, 'Documento inexistente');
      inv.status = b.InvoiceStatus?.InvoiceStatus;
      inv.history.push(inv.status);
      return answer(0, 'Operação efetuada com sucesso.');
    }
    return answer(-1, 'Operação não suportada pelo servidor de testes');
  }
}

export async function startFakeAtServer(opts: FakeAtOptions = {}): Promise<FakeAtServer> {
  return new FakeAtServer(opts).listen();
}
