import type { DocumentMarks, MarksInput } from '../regime/marks.js';
import { BE_SANDBOX_MARK, CATEGORY_MENTION, beLang } from './legal-mentions.js';

/**
 * What a Belgian document prints besides its data: no certification line, document code or QR (none exists in
 * Belgium); the mention of each VAT category that needs one (VAT Directive art. 226 (11), (11a)); the sandbox mark.
 */
export function belgianMarks(d: MarksInput): DocumentMarks {
  const lang = beLang(d.language);
  const notices: string[] = [];
  for (const category of ['AE', 'K', 'G', 'O'] as const)
    if (d.taxGroups.some((g) => g.code === category)) notices.push(CATEGORY_MENTION[category][lang]);
  if (d.sandbox) notices.push(BE_SANDBOX_MARK[lang]);
  return { hashChars: '', certification: '', atcudLine: null, qrPayload: null, notices };
}
