import { loadavg } from 'node:os';

/** The machine's 1-minute load average now, printed beside every figure (the machine is shared). */
export const load = (): number => loadavg()[0];

/** One figure of a section: its value, the goal it is read against (none: context only) and the load when taken. */
export interface Row {
  figure: string;
  value: string;
  goal?: string;
  met?: boolean;
  load: number;
}

export const fmt = (n: number | undefined, digits = 1): string =>
  n === undefined || !Number.isFinite(n) ? '—' : n.toFixed(digits);

/** A row against a goal: `atLeast` (value ≥ goal) or `atMost` (value ≤ goal). */
export function goalRow(
  figure: string,
  value: number | undefined,
  goal: { atLeast?: number; atMost?: number; unit?: string; digits?: number },
  loadAvg = load(),
): Row {
  const unit = goal.unit ? ` ${goal.unit}` : '';
  const digits = goal.digits ?? 1;
  const text = (n: number) => `${n}${unit}`;
  if (value === undefined || !Number.isFinite(value))
    return {
      figure,
      value: '—',
      goal: goal.atLeast !== undefined ? `≥ ${text(goal.atLeast)}` : `≤ ${text(goal.atMost!)}`,
      met: false,
      load: loadAvg,
    };
  if (goal.atLeast !== undefined)
    return {
      figure,
      value: `${fmt(value, digits)}${unit}`,
      goal: `≥ ${text(goal.atLeast)}`,
      met: value >= goal.atLeast,
      load: loadAvg,
    };
  return {
    figure,
    value: `${fmt(value, digits)}${unit}`,
    goal: `≤ ${text(goal.atMost!)}`,
    met: value <= goal.atMost!,
    load: loadAvg,
  };
}

/** A figure without a goal of its own (context for the others). */
export const infoRow = (figure: string, value: string, loadAvg = load()): Row => ({ figure, value, load: loadAvg });

/** Prints a section as a table: figure | value | goal | met? | load. */
export function printSection(title: string, rows: Row[], notes: string[] = []): void {
  console.log(`\n## ${title}`);
  if (!rows.length) {
    console.log('(nothing measured)');
  } else {
    const cells = rows.map((r) => [
      r.figure,
      r.value,
      r.goal ?? '',
      r.met === undefined ? '' : r.met ? 'yes' : 'NO',
      r.load.toFixed(2),
    ]);
    const head = ['figure', 'value', 'goal', 'met?', 'load 1m'];
    const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
    const line = (c: string[]) => c.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join(' | ');
    console.log(line(head));
    console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
    for (const c of cells) console.log(line(c));
  }
  for (const n of notes) console.log(`  ${n}`);
}

/** Progress while the bench runs (stderr, so the tables on stdout stay clean when redirected). */
export const progress = (message: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)} load ${load().toFixed(2)}] ${message}\n`);
};
