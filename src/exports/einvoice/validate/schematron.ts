import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import SaxonJS from 'saxon-js';
import type { Ruleset } from './rulesets.js';
import type { EinvoiceFinding } from './types.js';

const SVRL = { svrl: 'http://purl.oclc.org/dsdl/svrl' };

/** Parsed SEF stylesheets of this thread, by file: parsing one takes 20–80 ms, so once per thread. */
const loaded = new Map<string, unknown>();

export function loadSef(assetsDir: string, ruleset: Ruleset): unknown {
  let sef = loaded.get(ruleset.sef);
  if (sef === undefined) {
    sef = JSON.parse(gunzipSync(readFileSync(join(assetsDir, 'sef', ruleset.sef))).toString('utf8'));
    loaded.set(ruleset.sef, sef);
  }
  return sef;
}

/**
 * Runs one rule set (a Schematron compiled to SEF) on a document and reads its SVRL: every failed assert and
 * successful report, whatever its flag (fired rules and active patterns are not findings).
 */
export async function runSchematron(assetsDir: string, ruleset: Ruleset, xml: string): Promise<EinvoiceFinding[]> {
  const res = await SaxonJS.transform(
    { stylesheetInternal: loadSef(assetsDir, ruleset), sourceText: xml, destination: 'document' },
    'async',
  );
  const hits = SaxonJS.XPath.evaluate('//svrl:failed-assert | //svrl:successful-report', res.principalResult, {
    namespaceContext: SVRL,
    resultForm: 'array',
  }) as { getAttribute(name: string): string | null }[];
  return hits.map((n) => ({
    id: n.getAttribute('id') ?? '',
    flag: n.getAttribute('flag') ?? 'fatal',
    location: n.getAttribute('location') ?? '',
    text: String(SaxonJS.XPath.evaluate('normalize-space(svrl:text)', n, { namespaceContext: SVRL })),
    ruleset: ruleset.name,
  }));
}
