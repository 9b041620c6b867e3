import type { ApiKeyScope } from '../../domain/api-key-scope.js';

/** Why a key may not make a request, in the words every API uses (each wraps it in its own envelope). */
export function scopeRefusal(have: ApiKeyScope, need: ApiKeyScope): string {
  return `This API key has the scope "${have}"; this request needs a key with the scope "${need}".`;
}
