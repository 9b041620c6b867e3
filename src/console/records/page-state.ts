import type { FastifyRequest } from 'fastify';
import { scopeAllows } from '../../domain/api-key-scope.js';

/** Whether the signed-in session may change records (an `issue` or `admin` scope): else forms are read-only. */
export function canWrite(request: FastifyRequest): boolean {
  const scope = request.consoleSession?.scope;
  return !!scope && scopeAllows(scope, 'issue');
}

const DONE = ['created', 'saved', 'deleted', 'registered', 'annulled', 'finalized', 'finalizedPartly'] as const;
export type Done = (typeof DONE)[number];

/** What the last POST did, told by the page it redirected to (`?done=saved`), for a notice. */
export function doneOf(request: FastifyRequest): Done | null {
  const d = (request.query as Record<string, unknown> | undefined)?.done;
  return typeof d === 'string' && (DONE as readonly string[]).includes(d) ? (d as Done) : null;
}
