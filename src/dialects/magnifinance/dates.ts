/**
 * A MagniFinance date as clients send it, as `YYYY-MM-DD`: ISO (`2026-12-07`, `2026-12-07T00:00:00`), or the .NET
 * proxy's `ToString(ShortDate)` in Portuguese culture (`07/12/2026`, `07-12-2026`). Undefined when it is none of those.
 */
export function mfDate(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const s = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  const pt = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: [\d:]+)?$/.exec(s);
  const [y, m, d] = iso
    ? [iso[1], iso[2], iso[3]]
    : pt
      ? [pt[3], pt[2]!.padStart(2, '0'), pt[1]!.padStart(2, '0')]
      : [];
  if (!y || !m || !d) return undefined;
  const day = `${y}-${m}-${d}`;
  const check = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(check.getTime()) && check.toISOString().slice(0, 10) === day ? day : undefined;
}
