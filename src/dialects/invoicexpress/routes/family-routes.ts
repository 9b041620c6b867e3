import type { DocumentView } from '../../../app/documents/get-document.js';
import type { DocumentFilter } from '../../../app/documents/list-documents.js';
import { draftAsInput, updateDraft } from '../../../app/documents/update-draft.js';
import type { Ctx, Tx } from '../../../app/context.js';
import type { Call, IxReply, IxRouteConfig, Route } from '../context.js';
import { type IxDocType, requestRoots } from '../doc-types.js';
import { type IxDocumentBody as ParsedBody, resolveDocumentInput } from '../document-body.js';
import { loadDocument } from '../document-reply.js';
import { familyFilter, listPage } from '../family-list.js';
import type { IxInput } from '../input.js';
import { IxError } from '../ix-error.js';
import { createOnce } from '../proprietary-uid.js';
import { type IxDocumentBody, documentBody } from '../views/document.js';

/** How a family shows its documents and reads `status[]`, with what both need read once per call. */
export interface FamilyPresenter {
  view(v: DocumentView, type: IxDocType): object;
  statuses(names: string[]): Partial<DocumentFilter> | undefined;
}

/** A family of InvoiceXpress document types served the same way (estimates, guides). */
export interface DocumentFamily {
  types: readonly IxDocType[];
  /** The family list's path and answer root: `estimates` → `GET /estimates` answers `{"estimates":[…]}`. */
  listRoot: string;
  cfg: IxRouteConfig;
  /** With `update` (PUT), what the body leaves out is kept, `items` included. */
  readBody(body: IxInput, type: IxDocType, today: string, opts?: { update?: boolean }): ParsedBody;
  presenter(c: Call): Promise<FamilyPresenter>;
  changeState(
    tx: Tx,
    ctx: Ctx,
    v: DocumentView,
    type: IxDocType,
    state: string | null | undefined,
    message: string | null | undefined,
  ): Promise<void>;
}

/**
 * A family's routes: its list (and each type's), and per type create, get, update and change-state. Documents are
 * created as drafts; finalizing is a change-state.
 */
export function familyRoutes(route: Route, family: DocumentFamily): void {
  const { types, cfg } = family;

  const answer = (view: object, type: IxDocType, status = 200): IxReply => ({
    status,
    body: documentBody(view as IxDocumentBody, type),
  });

  async function reply(c: Call, id: number, type: IxDocType, status = 200): Promise<IxReply> {
    const v = await loadDocument(c, id, [type]);
    return answer((await family.presenter(c)).view(v, type), type, status);
  }

  async function list(c: Call, listed: readonly IxDocType[], root: string): Promise<IxReply> {
    const p = await family.presenter(c);
    const f = familyFilter(c, listed, (names) => p.statuses(names));
    return listPage(c, root, f, (v) =>
      p.view(
        v,
        types.find((t) => t.core === v.doc.doc_type)!,
      ),
    );
  }

  /**
   * `{"estimate":{"state","message"}}`: the type's own roots first, then any root of the family, or the top; some
   * clients send `message` beside the root instead of inside it.
   */
  function stateOf(c: Call, type: IxDocType): { state?: string | null; message?: string | null } {
    const roots = [...requestRoots(type), ...types.flatMap(requestRoots)];
    const root = roots.map((k) => c.body.sub(k)).find((x) => x) ?? c.body;
    return { state: root.text('state'), message: root.text('message') ?? c.body.text('message') };
  }

  route('GET', `/${family.listRoot}`, cfg, async (c) => list(c, types, family.listRoot));

  for (const type of types) {
    const base = `/${type.path}`;

    route('GET', base, cfg, async (c) => list(c, [type], type.path));

    route('POST', base, cfg, async (c) => {
      const parsed = family.readBody(c.body, type, c.today);
      const { id } = await createOnce(c, parsed.proprietaryUid, (db) => resolveDocumentInput(db, c.ctx, parsed, type));
      return reply(c, id, type, 201);
    });

    route('GET', `${base}/:id`, cfg, async (c) => reply(c, c.id, type));

    route('PUT', `${base}/:id`, cfg, async (c) => {
      const parsed = family.readBody(c.body, type, c.today, { update: true });
      await c.docTx(async (tx) => {
        const v = await loadDocument(c, c.id, [type], tx);
        if (v.doc.status !== 'draft')
          throw new IxError(422, [
            `Only draft documents can be updated: this ${type.type} is ${v.doc.status === 'cancelled' ? 'canceled' : 'final'}`,
          ]);
        const current = draftAsInput(v);
        if (parsed.input.customer) current.contactId = undefined;
        await updateDraft(tx, c.ctx, v.doc.id, await resolveDocumentInput(tx, c.ctx, parsed, type, current));
      });
      return reply(c, c.id, type);
    });

    route('PUT', `${base}/:id/change-state`, cfg, async (c) => {
      const { state, message } = stateOf(c, type);
      let deleted: DocumentView | undefined;
      await c.docTx(async (tx) => {
        const v = await loadDocument(c, c.id, [type], tx);
        await family.changeState(tx, c.ctx, v, type, state, message);
        if (state?.trim().toLowerCase() === 'deleted') deleted = v;
      });
      if (deleted) return answer({ ...(await family.presenter(c)).view(deleted, type), status: 'deleted' }, type);
      return reply(c, c.id, type);
    });
  }
}
