import { Type, type TSchema } from 'typebox';

/** What an operation of the native API answers when it succeeds. */
export interface Success {
  status: 200 | 201 | 202 | 204;
  description: string;
  /** A component's $id (see ./components.ts), or a schema; none for 204. */
  schema?: string | TSchema;
  /** An array of the component. */
  array?: boolean;
}

export interface OperationDoc {
  id: string;
  summary: string;
  tags: string[];
  description?: string;
  ok: Success;
  /**
   * Statuses besides the ones every operation gets (401 and 429; 404 with a path id; 422 with input): 409 for
   * state conflicts, 503 when AT is unavailable…
   */
  errors?: number[];
  /** OpenAPI to merge into the operation as is: non-JSON bodies and answers (PDF, PEM, PNG, XML). */
  openapi?: Record<string, unknown>;
}

/**
 * The documentation part of a route schema: operationId, summary, tags, the success answer; error answers are
 * added from `x-errors` as shared responses when the document is generated (see ../openapi.ts).
 */
export function op(d: OperationDoc) {
  const { status, description } = d.ok;
  let schema: TSchema;
  if (status === 204 || !d.ok.schema) schema = Type.Null({ description });
  else {
    const one = typeof d.ok.schema === 'string' ? Type.Ref(d.ok.schema) : d.ok.schema;
    schema = d.ok.array ? Type.Array(one, { description }) : { ...one, description };
  }
  return {
    operationId: d.id,
    summary: d.summary,
    tags: d.tags,
    ...(d.description ? { description: d.description } : {}),
    response: { [status]: schema },
    ...(d.errors?.length ? { 'x-errors': d.errors } : {}),
    ...(d.openapi ? { 'x-openapi': d.openapi } : {}),
  };
}

/** The answer of the PDF routes. */
export const PDF_RESPONSE = {
  headers: {
    'X-Document-Copy': { description: 'original, duplicate or reprint', schema: { type: 'string' } },
    'X-Printed-Count': { description: 'Prints of the document so far, this one included', schema: { type: 'integer' } },
  },
  content: { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } } },
};
