/**
 * A dialect's recorded contract: cases of request/answer pairs, each case self-contained (it builds what it reads,
 * on its own fresh account). Strings in requests may use `{{name}}` for values known before the run (`apiKey`,
 * `today`) or captured from an earlier answer of the same case.
 */
export interface ContractFile {
  dialect: string;
  description?: string;
  cases: ContractCase[];
}

export interface ContractCase {
  name: string;
  steps: ContractStep[];
}

export interface ContractStep {
  request: ContractRequest;
  /** Values to remember from the answer's JSON body, by dotted path (`$`: the whole body): `{ "contactId": "id" }`. */
  capture?: Record<string, string>;
  /** The recorded answer; a step without one is recorded on the next recording run. */
  expect?: ContractExpect;
}

export interface ContractRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** A JSON body (sent as application/json unless a content-type is given) or raw text. */
  body?: unknown;
}

export interface ContractExpect {
  status: number;
  /** Headers to check (others are ignored), lower-case names; values may hold placeholders. */
  headers?: Record<string, string>;
  /** The JSON body's shape, or the text of a body that is not JSON; absent for an empty body. */
  body?: unknown;
}

/** What the server answered, as the harness reads it. */
export interface Exchange {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  text: string;
}

/** Sends one request (after interpolation) to the server under test. */
export type Send = (request: {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}) => Promise<Exchange>;
