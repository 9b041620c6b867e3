import type { DocumentFilter } from '../../../app/documents/list-documents.js';
import type { Route } from '../context.js';
import { IX_DOC_TYPES } from '../doc-types.js';
import { readDocumentBody } from '../document-body.js';
import { viewContext } from '../document-reply.js';
import { changeEstimateState, estimateStateIds } from '../estimate-states.js';
import { estimateView } from '../views/estimate.js';
import { familyRoutes } from './family-routes.js';

/** status[]: draft, final, accepted, refused, canceled. Accepted/refused alone filter by their document state. */
function statusFilter(ids: {
  accepted: number[];
  refused: number[];
}): (names: string[]) => Partial<DocumentFilter> | undefined {
  return (names) => {
    const statuses = new Set<string>();
    if (names.includes('draft')) statuses.add('draft');
    if (names.includes('canceled') || names.includes('cancelled')) statuses.add('cancelled');
    const commercial = (['final', 'accepted', 'refused'] as const).filter((s) => names.includes(s));
    if (commercial.length) statuses.add('final');
    if (!statuses.size) return undefined;
    const out: Partial<DocumentFilter> = { statuses: [...statuses] };
    if (statuses.size === 1 && commercial.length === 1 && commercial[0] !== 'final') {
      const id = ids[commercial[0]][0];
      if (id === undefined) return undefined;
      out.stateId = id;
    }
    // `final` names finalized estimates neither accepted nor refused: those states are left out unless asked for too.
    if (commercial.includes('final')) {
      const excluded = [
        ...(names.includes('accepted') ? [] : ids.accepted),
        ...(names.includes('refused') ? [] : ids.refused),
      ];
      if (excluded.length) out.excludeStateIds = excluded;
    }
    return out;
  };
}

/** InvoiceXpress quotes, proformas, fees_notes: create, get, update, list, change-state. */
export function estimateRoutes(route: Route): void {
  familyRoutes(route, {
    types: IX_DOC_TYPES.filter((t) => t.family === 'estimate'),
    listRoot: 'estimates',
    cfg: { ixFields: { lines: 'items', customer: 'client' } },
    readBody: readDocumentBody,
    async presenter(c) {
      const ctx = await viewContext(c);
      const ids = await estimateStateIds(c.db, c.accountId);
      return { view: (v, type) => estimateView(v, ctx, type, ids), statuses: statusFilter(ids) };
    },
    changeState: changeEstimateState,
  });
}
