import type { AtOutcome } from '../../app/at/ports.js';

/**
 * How AT's answers map to success / retry / stop. Sources: Manual Documentos de Transporte §4.2 (return and
 * authentication codes), portugal.md §3.2 (SeriesWS codes observed live), §8.3 (fatcorews: 0 = success; the
 * business code table is in a manual not obtained). Anything not known to be transient stops the job: it is
 * logged with AT's message and can be sent again by hand (POST /v1/documents/:id/communicate).
 */

/** Authentication codes 1–99 (shared by AT's webservices). Transient ones: credential expired (clock skew), repeated Ks, permission check unavailable. */
const AUTH_TRANSIENT = new Set([11, 13, 52]);

export const AUTH_MESSAGES: Record<number, string> = {
  1: 'Utilizador não preenchido',
  2: 'Tamanho do utilizador incorreto',
  3: 'NIF inválido',
  4: 'Utilizador com formato inválido',
  5: 'Subutilizador com formato inválido',
  6: 'Senha não preenchida',
  7: 'Codificação Base64 inválida',
  8: 'Cifra da chave pública inválida',
  9: 'Timestamp não preenchido',
  10: 'Formato do timestamp inválido',
  11: 'Validade da credencial expirada',
  12: 'Chave simétrica não preenchida',
  13: 'Chave simétrica repetida',
  14: 'Digest da senha não preenchido',
  15: 'O Digest não corresponde ao esperado',
  16: 'Chave de sessão inválida (Created)',
  17: 'Chave de sessão inválida (Password)',
  18: 'Chave de sessão inválida (Digest)',
  19: 'Data de criação do pedido não preenchida',
  20: 'Chave do pedido não preenchida',
  33: 'Pedido SOAP inválido',
  50: 'Header inexistente ou vazio',
  51: 'O NIF não está preenchido no Header',
  52: 'Não foi possível verificar permissões',
  54: 'Não tem permissões para aceder a esta operação',
  99: 'Erro na validação da senha (senha errada, acesso suspenso, etc.)',
};

export function isAuthCode(code: number): boolean {
  return code >= 1 && code <= 99;
}

function auth(code: number): AtOutcome {
  // NOTE: retrying a wrong password could get the sub-user suspended by AT: only transient codes are retried.
  return AUTH_TRANSIENT.has(code) ? 'retryable' : 'permanent';
}

/** Server-side failures that AT documents as internal / unspecified. */
const INTERNAL = new Set([-99, -20000]);

/** sgdtws ReturnCode (several ResponseStatus may come back; `codes` in order). */
export function classifyTransport(codes: number[], hasDocCode: boolean): AtOutcome {
  if (!codes.length) return hasDocCode ? 'success' : 'permanent';
  // 0: registered; -100: start time in the past, kept as a mere communication (an alert, not an error).
  const problems = codes.filter((c) => c !== 0 && c !== -100);
  if (!problems.length) return 'success';
  const first = problems[0];
  // -3: a document with this number is already registered. With its code, the earlier send went through.
  if (first === -3) return hasDocCode ? 'success' : 'permanent';
  if (INTERNAL.has(first)) return 'retryable';
  if (isAuthCode(first)) return auth(first);
  return 'permanent';
}

/** SeriesWS codResultOper: 2001 registered, 2002 query OK, 2003 annulled, 2004 presumed finalized [UNCONFIRMED]. */
export const SERIES_SUCCESS = new Set([2001, 2002, 2003, 2004]);

export function classifySeries(code: number): AtOutcome {
  if (SERIES_SUCCESS.has(code)) return 'success';
  if (INTERNAL.has(code)) return 'retryable';
  if (isAuthCode(code)) return auth(code);
  return 'permanent';
}

/** fatcorews CodigoResposta: 0 is success; the rest of the business table is unconfirmed. */
export function classifyInvoice(code: number): AtOutcome {
  if (code === 0) return 'success';
  if (INTERNAL.has(code)) return 'retryable';
  if (isAuthCode(code)) return auth(code);
  return 'permanent';
}

/** SOAP faults: `Client` means the request itself is wrong; `Server` is AT's side. */
export function classifyFault(faultcode: string): AtOutcome {
  return /(^|:)Client$/i.test(faultcode) ? 'permanent' : 'retryable';
}

/** An HTTP answer that is not a SOAP envelope: overload and server errors are retried. */
export function classifyHttp(status: number): AtOutcome {
  return status >= 500 || status === 408 || status === 429 ? 'retryable' : 'permanent';
}
