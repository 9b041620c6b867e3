import { detectEinvoice, type DetectedEinvoice } from './detect.js';
import { EinvoiceInputError } from './input-error.js';
import { pickRulesets } from './rulesets.js';
import { runSchematron } from './schematron.js';
import type { EinvoiceFinding, EinvoiceProfile, XsdError } from './types.js';
import { validateXsd } from './xsd.js';

export interface SchematronTask {
  xml: string;
  profiles?: readonly EinvoiceProfile[];
  assetsDir: string;
}

/** Plain data, so that it crosses the thread boundary whole (an Error subclass would lose its fields). */
export type SchematronOutcome =
  | {
      ok: true;
      detected: DetectedEinvoice;
      xsd: { valid: boolean; errors: XsdError[] };
      rulesets: string[];
      findings: EinvoiceFinding[];
    }
  | { ok: false; message: string; reason: EinvoiceInputError['reason']; line?: number };

/**
 * What the validation thread does: detect the document, validate it against its XSD, pick its rule sets and run
 * them one after the other.
 */
export async function runSchematronTask(task: SchematronTask): Promise<SchematronOutcome> {
  try {
    const detected = detectEinvoice(task.xml);
    const rulesets = pickRulesets(detected.syntax, detected.customizationId, task.profiles);
    const xsd = await validateXsd(task.assetsDir, detected.syntax === 'cii' ? 'cii' : detected.documentType, task.xml);
    const findings: EinvoiceFinding[] = [];
    for (const ruleset of rulesets) findings.push(...(await runSchematron(task.assetsDir, ruleset, task.xml)));
    return { ok: true, detected, xsd, rulesets: rulesets.map((r) => r.name), findings };
  } catch (err) {
    if (err instanceof EinvoiceInputError)
      return { ok: false, message: err.message, reason: err.reason, line: err.line };
    // SaxonJS's own parser refuses what the well-formedness check let through (an unbound namespace prefix…).
    const code = (err as { code?: unknown })?.code;
    if (typeof code === 'string' && /^(SXJS|FODC|SXXP)/.test(code))
      return { ok: false, message: `The XML could not be read: ${(err as Error).message}`, reason: 'malformed' };
    throw err;
  }
}
