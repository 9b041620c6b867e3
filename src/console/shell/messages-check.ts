import type { ConsoleMessages } from '../area.js';

/** Keys that one language has and the other lacks, across every area's messages (empty when they agree). */
export function missingKeys(all: readonly ConsoleMessages[]): string[] {
  const missing: string[] = [];
  for (const m of all) {
    for (const k of Object.keys(m.pt)) if (!(k in m.en)) missing.push(`en:${k}`);
    for (const k of Object.keys(m.en)) if (!(k in m.pt)) missing.push(`pt:${k}`);
  }
  return missing;
}
