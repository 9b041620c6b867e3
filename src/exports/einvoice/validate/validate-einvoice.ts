import { refuseDoctype } from './detect.js';
import { einvoiceAssetsDir } from './assets.js';
import { EinvoiceInputError } from './input-error.js';
import { EinvoiceValidationPool } from './validate-pool.js';
import type { EinvoiceValidation, ValidateOptions } from './types.js';

/** The largest document accepted (an e-invoice with an embedded PDF of several MB stays well under it). */
export const EINVOICE_MAX_BYTES = 10 * 1024 * 1024;

let threads = 1;
let pool: EinvoiceValidationPool | undefined;

/**
 * Sets how many threads check the rules (EINVOICE_THREADS; 0: the main thread). The pool itself starts on the
 * first validation: a process that never validates loads no rule set. Called by the composition root.
 */
export function configureEinvoiceValidation(options: { threads?: number }): void {
  if (options.threads !== undefined) threads = options.threads;
}

function validationPool(): EinvoiceValidationPool {
  return (pool ??= new EinvoiceValidationPool(threads, einvoiceAssetsDir()));
}

/** The running pool's counts (documents on threads, in-process), or undefined before the first validation. */
export function einvoiceValidationCounts(): { onThreads: number; inProcess: number } | undefined {
  return pool ? { ...pool.counts } : undefined;
}

export async function closeEinvoiceValidation(): Promise<void> {
  const running = pool;
  pool = undefined;
  await running?.close();
}

/**
 * Validates a UBL 2.1 or CII D16B e-invoice on the validation threads: the XSD of its root element (xmllint-wasm),
 * then the Schematron rule sets (EN 16931 1.3.16 always; Peppol BIS 2026.5 and CIUS-PT 2.1.1 when asked for or
 * named by the CustomizationID). Answers for any document it can read, valid or not; throws
 * EinvoiceInputError for one it cannot (too large, not well-formed, a DOCTYPE, not an e-invoice).
 */
export async function validateEinvoice(xml: string, options: ValidateOptions = {}): Promise<EinvoiceValidation> {
  const bytes = Buffer.byteLength(xml, 'utf8');
  if (bytes > EINVOICE_MAX_BYTES)
    throw new EinvoiceInputError(
      `The document has ${bytes} bytes; at most ${EINVOICE_MAX_BYTES} are accepted.`,
      'too_large',
    );
  refuseDoctype(xml);
  const outcome = await validationPool().run({ xml, profiles: options.profiles });
  if (!outcome.ok) throw new EinvoiceInputError(outcome.message, outcome.reason, outcome.line);
  const { detected, xsd, rulesets, findings } = outcome;
  const fatal = findings.filter((f) => f.flag === 'fatal').length;
  return {
    valid: xsd.valid && fatal === 0,
    syntax: detected.syntax,
    documentType: detected.documentType,
    typeCode: detected.typeCode,
    customizationId: detected.customizationId,
    rulesets,
    xsd,
    findings,
    fatal,
  };
}
