import { getSaftAccount } from '../../../app/saft/get-saft-account.js';
import { getSaftFile } from '../../../app/saft/get-saft-file.js';
import { requestSaftFile } from '../../../app/saft/request-saft-file.js';
import { saftFingerprint } from '../../../app/saft/saft-fingerprint.js';
import { checkSaftIssuer } from '../../../exports/saft/header.js';
import { saftPeriod } from '../../../exports/saft/period.js';
import type { Call, Route } from '../context.js';
import { IxError } from '../ix-error.js';

/** month and year (`years` is a misspelling found in public scripts), as InvoiceXpress validates them. */
function monthOf(c: Call): { month: number; year: number } {
  const q = c.query;
  const month = String(q.month ?? '').trim();
  const year = String(q.year ?? q.years ?? '').trim();
  const issues: string[] = [];
  if (!month) issues.push('month is required');
  else if (!/^\d{1,2}$/.test(month) || Number(month) < 1 || Number(month) > 12)
    issues.push('month must be a number from 1 to 12');
  if (!year) issues.push('year is required');
  else if (!/^\d{4}$/.test(year) || Number(year) < 2000) issues.push('year must be a four-digit year from 2000 on');
  if (issues.length) throw new IxError(422, issues);
  return { month: Number(month), year: Number(year) };
}

/** InvoiceXpress SAF-T export: 202 while the outbox generates the file, then its URL. */
export function saftRoutes(route: Route): void {
  route('GET', '/api/export_saft', {}, async (c) => {
    const period = saftPeriod(monthOf(c));
    checkSaftIssuer(await getSaftAccount(c.db, c.accountId));
    const ready = await c.tx(async (tx) => {
      const file = await getSaftFile(tx, c.accountId, period);
      // A file is served while the period's documents are as they were when it was made; otherwise it is made again.
      if (file?.status === 'ready' && file.fingerprint === (await saftFingerprint(tx, c.accountId, period)))
        return file;
      await requestSaftFile(tx, c.accountId, period);
      return undefined;
    });
    if (!ready) return { status: 202 };
    const url = `${c.deps.config.publicUrl}/download/saft/${ready.id}/${ready.download_token}`;
    // The docs answer {url}; go-invoicexpress reads output.xml_url.
    return { body: { url, output: { xml_url: url } } };
  });
}
