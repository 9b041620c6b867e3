import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * `Location` of a 201: the created record's URL. Documents (receipts, credit and debit notes, conversions and opening
 * balances too) live under /v1/documents/{id}; other records under the collection they were posted to.
 */
export async function locationOfCreated(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  if (reply.statusCode !== 201 || reply.hasHeader('location') || typeof payload !== 'string') return payload;
  // Every created record is rendered with its id first.
  const id = /^\{"id":(\d+)[,}]/.exec(payload)?.[1];
  const route = request.routeOptions.url ?? '';
  if (id)
    reply.header(
      'location',
      /^\/v1\/(documents|receipts|opening-balances)\b/.test(route) ? `/v1/documents/${id}` : `${route}/${id}`,
    );
  return payload;
}
