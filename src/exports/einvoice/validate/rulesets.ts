import { EinvoiceInputError } from './input-error.js';
import type { EinvoiceProfile, EinvoiceSyntax } from './types.js';

export interface Ruleset {
  /** Shown on each finding and in the result. */
  name: string;
  /** Under assets/einvoice/sef/. */
  sef: string;
}

export const RULESETS = {
  en16931Ubl: { name: 'EN16931-UBL 1.3.16', sef: 'EN16931-UBL-validation.sef.json.gz' },
  en16931Cii: { name: 'EN16931-CII 1.3.16', sef: 'EN16931-CII-validation.sef.json.gz' },
  peppol: { name: 'PEPPOL-BIS-3.0 2026.5', sef: 'PEPPOL-EN16931-UBL.sef.json.gz' },
  ciusPt: { name: 'CIUS-PT 2.1.1', sef: 'urn_feap.gov.pt_CIUS-PT_2.1.1.sef.json.gz' },
} satisfies Record<string, Ruleset>;

// NOTE: Peppol BIS Billing 3.0 documents say so in BT-24 (CustomizationID), e.g.
// urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0 (BIS 3.0 "Profile" chapter).
// Self-billing (…poacc:selfbilling:3.0) has its own rule set, not shipped: such documents get EN 16931 only.
const PEPPOL_BILLING = /#compliant#urn:fdc:peppol\.eu:2017:poacc:billing:/;
// NOTE: CIUS-PT 2.1.1 (eSPap, Normas FE-AP): CustomizationID urn:cen.eu:en16931:2017#compliant#urn:feap.gov.pt:CIUS-PT:<v>.
const CIUS_PT = /#compliant#urn:feap\.gov\.pt:CIUS-PT:/;

/**
 * The rule sets for a document: EN 16931 of its syntax always; then Peppol and CIUS-PT when asked for, or (nothing
 * asked for) when the CustomizationID names them. Peppol 2026.5 and CIUS-PT are shipped for UBL only: asking for
 * them on a CII document is refused.
 */
export function pickRulesets(
  syntax: EinvoiceSyntax,
  customizationId: string | null,
  profiles: readonly EinvoiceProfile[] | undefined,
): Ruleset[] {
  const out: Ruleset[] = [syntax === 'ubl' ? RULESETS.en16931Ubl : RULESETS.en16931Cii];
  const wants = (p: EinvoiceProfile, auto: RegExp) =>
    profiles ? profiles.includes(p) : auto.test(customizationId ?? '');
  for (const [profile, auto, ruleset] of [
    ['peppol', PEPPOL_BILLING, RULESETS.peppol],
    ['cius-pt', CIUS_PT, RULESETS.ciusPt],
  ] as const) {
    if (!wants(profile, auto)) continue;
    // Named by a CII document's guideline ID: its EN 16931 rules still run; asked for explicitly: refused.
    if (syntax !== 'ubl' && !profiles) continue;
    if (syntax !== 'ubl')
      throw new EinvoiceInputError(
        `The ${profile} rules are shipped for UBL only; a CII document is validated against EN 16931.`,
        'profile_syntax',
      );
    out.push(ruleset);
  }
  return out;
}
