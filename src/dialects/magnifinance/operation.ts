import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../app/accounts/authenticate-api-key.js';
import type { Ctx } from '../../app/context.js';
import type { DocumentWrites } from '../../app/documents/issue-document.js';
import type { ApiKeyScope } from '../../domain/api-key-scope.js';
import type { Db, DbTx, DialectKit } from '../../http/kit/define-dialect.js';
import type { MfReader } from './reader.js';
import type { MfValue } from './response.js';

/** The two SOAP services: `Invoicing` (documents, waybills, partners) and `TaxCommunication`. */
export type MfService = 'invoicing' | 'tax';

/**
 * The element carrying the credentials: `Authentication{Email,Token}`, `SpecialAuthentication{Email,Token,Password}`
 * (partner tokens), or the tax service's lower-case `authentication`.
 */
export type MfAuth = 'Authentication' | 'SpecialAuthentication' | 'authentication';

/** An XML Schema type of the WSDL the registry generates. */
export type MfXsdType = 'string' | 'int' | 'long' | 'decimal' | 'boolean' | 'dateTime' | MfComplex | MfArray | MfEnum;

/** A named complexType: a sequence of optional elements. The same name must always be the same shape. */
export interface MfComplex {
  kind: 'complex';
  name: string;
  fields: readonly MfField[];
}

/** `ArrayOf{Item}`: a wrapper element repeating `item` (Lines → APIInvoicingProduct*). */
export interface MfArray {
  kind: 'array';
  /** `ArrayOfAPIInvoicingProduct` */
  name: string;
  /** `APIInvoicingProduct` */
  item: string;
  of: MfXsdType;
}

/** A string enumeration (`Type`: Success|Error). */
export interface MfEnum {
  kind: 'enum';
  name: string;
  values: readonly string[];
}

export interface MfField {
  name: string;
  type: MfXsdType;
}

/** What an operation gets besides its input: who calls, and the handles of the use cases. */
export interface MfCall {
  request: FastifyRequest;
  /** The reply the answer goes out on (headers such as Retry-After), over SOAP and REST alike. */
  reply: FastifyReply;
  principal: Principal;
  ctx: Ctx;
  accountId: number;
  db: Db;
  /** A transaction of its own. */
  tx<T>(fn: (tx: DbTx) => Promise<T>): Promise<T>;
  /** A transaction group-committed with the account's other document writes. */
  docTx<T>(fn: (tx: DbTx) => Promise<T>): Promise<T>;
  /** The group commit of document writes (`issueDocument`). */
  writes: DocumentWrites;
  kit: DialectKit;
  /** The credentials element as sent (`Password` of SpecialAuthentication, …). */
  auth: MfReader;
  /**
   * Where this API is served as the client reached it, for links it hands out: the request's scheme and host and
   * the surface's mount (`http://host:8080/magnifinance`, or `http://host:MAGNIFINANCE_PORT`), no trailing slash.
   */
  baseUrl: string;
}

/**
 * One MagniFinance operation, described once for both transports: the SOAP service (its WSDL is generated from
 * these descriptions) and the REST twin. `run` answers the content of `Object`, or throws (an MfError, a domain
 * error): the transport writes the envelope.
 */
export interface MfOperation {
  /** The SOAP operation and request element: `DocumentCreate`. */
  name: string;
  service: MfService;
  auth: MfAuth;
  /** The API key scope it needs (reads: `read`; writes: `issue`; credentials and partners: `admin`). */
  scope: ApiKeyScope;
  /** The child of `{name}Response`: `Response` (default), `ResponseAddPartner`, `ResponseDocumentGetProperty`. */
  response?: string;
  /** SOAP elements that may repeat, as dotted paths under the operation element (`Document.Lines`). */
  arrays?: readonly string[];
  wsdl: {
    /** The request element's children after the credentials element (which the generator adds). */
    input: readonly MfField[];
    /** The type of `Object` in the answer. */
    output: MfXsdType;
    /** One line for the WSDL's documentation of the operation. */
    doc?: string;
  };
  run(input: MfReader, call: MfCall): Promise<MfValue>;
}

/** The child of an operation's `{name}Response` element that holds the answer. */
export const responseElement = (op: MfOperation): string => op.response ?? 'Response';
