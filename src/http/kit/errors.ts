// The error mapping every API shares: what escapes a handler as a DomainError (the database's codes are translated
// in infra), and the HTTP status of each domain code (dialects start from it and map to their own).
export { toDomainError } from '../to-domain-error.js';
export { STATUS_BY_CODE } from '../error-status.js';
