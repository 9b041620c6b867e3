import type { DocumentFilter } from '../../../app/documents/list-documents.js';
import type { Route } from '../context.js';
import { IX_DOC_TYPES } from '../doc-types.js';
import { viewContext } from '../document-reply.js';
import { readGuideBody } from '../guide-body.js';
import { changeGuideState } from '../guide-states.js';
import { guideView } from '../views/guide.js';
import { familyRoutes } from './family-routes.js';

/** status[]: draft, final (`sent` in InvoiceXpress's list example), canceled. */
function statusFilter(names: string[]): Partial<DocumentFilter> | undefined {
  const statuses = new Set<string>();
  if (names.includes('draft')) statuses.add('draft');
  if (names.includes('final') || names.includes('sent')) statuses.add('final');
  if (names.includes('canceled') || names.includes('cancelled')) statuses.add('cancelled');
  return statuses.size ? { statuses: [...statuses] } : undefined;
}

/**
 * InvoiceXpress shippings, transports, devolutions: create, get, update, list, change-state. Finalizing (and with
 * it the AT communication) is a change-state. A change-state body may come under any guide root (clients mix them).
 */
export function guideRoutes(route: Route): void {
  familyRoutes(route, {
    types: IX_DOC_TYPES.filter((t) => t.family === 'guide'),
    listRoot: 'guides',
    cfg: {
      ixFields: {
        lines: 'items',
        customer: 'client',
        loadAddress: 'address_from',
        unloadAddress: 'address_to',
        loadAt: 'loaded_at',
        unloadAt: 'unloaded_at',
        vehiclePlate: 'license_plate',
      },
    },
    readBody: readGuideBody,
    async presenter(c) {
      const ctx = await viewContext(c);
      return { view: (v, type) => guideView(v, ctx, type), statuses: statusFilter };
    },
    changeState: changeGuideState,
  });
}
