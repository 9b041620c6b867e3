/**
 * InvoiceXpress's invoice `status[]` names (draft, final, settled, canceled) as the core's statuses, in the core's
 * words. `final` and `settled` are both the core's `final`, told apart by the paid flag (drafts are never paid):
 * which names were asked for is returned so the caller can choose. Undefined when no name is known (nothing matches).
 */
export function invoiceStatuses(names: string[]): { statuses: string[]; final: boolean; settled: boolean } | undefined {
  const statuses = new Set<string>();
  if (names.includes('draft')) statuses.add('draft');
  if (names.includes('canceled') || names.includes('cancelled')) statuses.add('cancelled');
  const final = names.includes('final');
  const settled = names.includes('settled');
  if (final || settled) statuses.add('final');
  return statuses.size ? { statuses: [...statuses], final, settled } : undefined;
}
