import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Tx } from '../../app/context.js';
import { cancelDocument } from '../../app/documents/cancel-document.js';
import { accountWrites, documentIssue, type IssueResult } from '../../app/documents/issue-document.js';
import { createFromOrigin } from '../../app/documents/create-from-origin.js';
import { createOpeningBalance } from '../../app/documents/create-opening-balance.js';
import { createReceipt } from '../../app/documents/create-receipt.js';
import { deleteDraft } from '../../app/documents/delete-draft.js';
import type { DocumentInput } from '../../app/documents/document-input.js';
import { finalizeDocument } from '../../app/documents/finalize-document.js';
import { getDocument } from '../../app/documents/get-document.js';
import { type DocumentFilter, listDocuments } from '../../app/documents/list-documents.js';
import { updateDraft } from '../../app/documents/update-draft.js';
import { pageRequest } from '../../app/pagination.js';
import { ctxOf, principalOf } from '../kit/request-context.js';
import type { RouteDeps } from './deps.js';
import { documentJson, documentSummaryJson } from './document-view.js';
import { idempotentCreate } from './idempotent-create.js';
import type { TxRunner } from '../idempotency.js';
import { op } from './operation.js';
import {
  CancelBody,
  ConvertBody,
  DocumentBody,
  DraftUpdateBody,
  FromOriginBody,
  IdParams,
  IsoDate,
  OpeningBalanceBody,
  PageQuery,
  ReceiptBody,
} from './schemas.js';

const tags = ['documents'];
const view = async (tx: Tx, accountId: number, id: number) => documentJson(await getDocument(tx, accountId, id));
const created = ({ id, view }: IssueResult) => ({
  documentId: id,
  fresh: view ? () => documentJson(view) : undefined,
});
const csv = (v: string | undefined) =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ maxLength: 255, description: 'Same key and body: the original answer; different body: 422' }),
  ),
});

const ListQuery = Type.Object({
  ...PageQuery,
  type: Type.Optional(Type.String({ description: 'Comma-separated types, e.g. FT,FR' })),
  status: Type.Optional(Type.String({ description: 'Comma-separated: draft,final,cancelled' })),
  contactId: Type.Optional(Type.Integer({ minimum: 1 })),
  seriesId: Type.Optional(Type.Integer({ minimum: 1 })),
  storeId: Type.Optional(Type.Integer({ minimum: 1 })),
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  dueFrom: Type.Optional(IsoDate),
  dueTo: Type.Optional(IsoDate),
  paid: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  reference: Type.Optional(Type.String({ maxLength: 60 })),
  sort: Type.Optional(
    Type.Union(
      ['date', '-date', 'id', '-id', 'number', '-number', 'total', '-total', 'dueDate', '-dueDate'].map((v) =>
        Type.Literal(v),
      ),
    ),
  ),
});
const SORT: Record<string, DocumentFilter['order']> = {
  date: { field: 'doc_date', dir: 'asc' },
  '-date': { field: 'doc_date', dir: 'desc' },
  id: { field: 'id', dir: 'asc' },
  '-id': { field: 'id', dir: 'desc' },
  number: { field: 'doc_no', dir: 'asc' },
  '-number': { field: 'doc_no', dir: 'desc' },
  total: { field: 'gross_total', dir: 'asc' },
  '-total': { field: 'gross_total', dir: 'desc' },
  dueDate: { field: 'due_date', dir: 'asc' },
  '-dueDate': { field: 'due_date', dir: 'desc' },
};

export const documentRoutes: FastifyPluginAsync<RouteDeps> = async (root, { db, batcher }) => {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  // Document writes of one account are group-committed: concurrent requests share a transaction, each in a savepoint.
  const inAccountTx =
    (accountId: number): TxRunner =>
    (fn) =>
      batcher.run(accountWrites(accountId), fn);
  const docOpts = (accountId: number) => ({
    runInTx: inAccountTx(accountId),
    render: (id: number) => view(db, accountId, id),
  });

  app.post(
    '/documents',
    {
      schema: {
        ...op({
          id: 'createDocument',
          tags,
          summary: 'Create a document (draft, or finalized with finalize=true)',
          ok: { status: 201, schema: 'Document', description: 'The document' },
          errors: [409],
        }),
        body: DocumentBody,
        headers: IdempotencyHeaders,
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      // Resolution, validation and totals run before the group-committed transaction, outside the series lock;
      // a request that must first write (an inline customer or item to create) is prepared inside it instead.
      const issue = documentIssue(batcher, db, ctx, request.body as DocumentInput);
      return idempotentCreate(db, request, reply, async (tx) => created(await issue.commit(tx)), {
        ...docOpts(ctx.accountId),
        prepare: () => issue.prepare(),
        // Create-and-finalize requests of an account that arrive together are issued together (group commit per series).
        direct: async () => {
          const r = await issue.together();
          return r && created(r);
        },
      });
    },
  );

  app.get(
    '/documents',
    {
      schema: {
        ...op({
          id: 'listDocuments',
          tags,
          summary: 'List documents',
          ok: { status: 200, schema: 'DocumentPage', description: 'A page of documents' },
        }),
        querystring: ListQuery,
      },
    },
    async (request) => {
      const q = request.query;
      const page = await listDocuments(
        db,
        principalOf(request).accountId,
        {
          types: csv(q.type),
          statuses: csv(q.status),
          contactId: q.contactId,
          seriesId: q.seriesId,
          storeId: q.storeId,
          dateFrom: q.from,
          dateTo: q.to,
          dueFrom: q.dueFrom,
          dueTo: q.dueTo,
          paid: q.paid,
          text: q.q,
          reference: q.reference,
          order: q.sort ? SORT[q.sort] : undefined,
        },
        pageRequest(q.page, q.perPage),
      );
      return {
        data: page.items.map(documentSummaryJson),
        pagination: { page: page.page, perPage: page.perPage, total: page.total, totalPages: page.totalPages },
      };
    },
  );

  app.get(
    '/documents/:id',
    {
      schema: {
        ...op({
          id: 'getDocument',
          tags,
          summary: 'Get a document with its lines, totals and legal marks',
          ok: { status: 200, schema: 'Document', description: 'The document' },
        }),
        params: IdParams,
      },
    },
    async (request) => view(db, principalOf(request).accountId, request.params.id),
  );

  app.put(
    '/documents/:id',
    {
      schema: {
        ...op({
          id: 'replaceDraft',
          tags,
          summary: 'Replace a draft',
          ok: { status: 200, schema: 'Document', description: 'The draft' },
          errors: [409],
        }),
        params: IdParams,
        body: DraftUpdateBody,
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      return db.transaction().execute(async (tx) => {
        await updateDraft(tx, ctx, request.params.id, request.body as DocumentInput);
        return view(tx, ctx.accountId, request.params.id);
      });
    },
  );

  app.post(
    '/documents/:id/finalize',
    {
      schema: {
        ...op({
          id: 'finalizeDocument',
          tags,
          summary: 'Finalize a draft: number, sign, ATCUD',
          ok: { status: 200, schema: 'Document', description: 'The finalized document' },
          errors: [409],
        }),
        params: IdParams,
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      await inAccountTx(ctx.accountId)((tx) => finalizeDocument(tx, ctx, request.params.id));
      return view(db, ctx.accountId, request.params.id);
    },
  );

  app.post(
    '/documents/:id/cancel',
    {
      schema: {
        ...op({
          id: 'cancelDocument',
          tags,
          summary: 'Cancel a finalized document (keeps its number)',
          ok: { status: 200, schema: 'Document', description: 'The cancelled document' },
          errors: [409],
        }),
        params: IdParams,
        body: CancelBody,
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      return db.transaction().execute(async (tx) => {
        await cancelDocument(tx, ctx, request.params.id, request.body.reason);
        return view(tx, ctx.accountId, request.params.id);
      });
    },
  );

  app.delete(
    '/documents/:id',
    {
      schema: {
        ...op({
          id: 'deleteDraft',
          tags,
          summary: 'Delete a draft',
          ok: { status: 204, description: 'Deleted' },
          errors: [409],
        }),
        params: IdParams,
      },
    },
    async (request, reply) => {
      await db.transaction().execute((tx) => deleteDraft(tx, principalOf(request).accountId, request.params.id));
      return reply.status(204).send();
    },
  );

  for (const [path, type] of [
    ['credit-notes', 'NC'],
    ['debit-notes', 'ND'],
  ] as const) {
    const kind = type === 'NC' ? 'credit' : 'debit';
    app.post(
      `/documents/:id/${path}`,
      {
        schema: {
          ...op({
            id: type === 'NC' ? 'createCreditNote' : 'createDebitNote',
            tags,
            summary: `Issue a ${kind} note on a document`,
            ok: { status: 201, schema: 'Document', description: `The ${kind} note` },
            errors: [409],
          }),
          params: IdParams,
          body: Type.Partial(FromOriginBody, { additionalProperties: false, examples: [{ finalize: true }] }),
          headers: IdempotencyHeaders,
        },
      },
      async (request, reply) => {
        const ctx = ctxOf(request);
        return idempotentCreate(
          db,
          request,
          reply,
          async (tx) => {
            const id = await createFromOrigin(tx, ctx, {
              ...(request.body as object),
              type,
              originIds: [request.params.id],
            } as never);
            return { documentId: id };
          },
          docOpts(ctx.accountId),
        );
      },
    );
  }

  app.post(
    '/documents/convert',
    {
      schema: {
        ...op({
          id: 'convertDocuments',
          tags,
          summary: 'Carry lines of quotes, orders or guides into a new document',
          ok: { status: 201, schema: 'Document', description: 'The new document' },
          errors: [409],
        }),
        body: ConvertBody,
        headers: IdempotencyHeaders,
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      return idempotentCreate(
        db,
        request,
        reply,
        async (tx) => {
          const id = await createFromOrigin(tx, ctx, request.body as never);
          return { documentId: id };
        },
        docOpts(ctx.accountId),
      );
    },
  );

  app.post(
    '/receipts',
    {
      schema: {
        ...op({
          id: 'createReceipt',
          tags: ['receipts'],
          summary: 'Settle documents with a receipt',
          ok: { status: 201, schema: 'Document', description: 'The receipt' },
          errors: [409],
        }),
        body: ReceiptBody,
        headers: IdempotencyHeaders,
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      return idempotentCreate(
        db,
        request,
        reply,
        async (tx) => {
          const id = await createReceipt(tx, ctx, request.body as never);
          return { documentId: id };
        },
        docOpts(ctx.accountId),
      );
    },
  );

  app.post(
    '/opening-balances',
    {
      schema: {
        ...op({
          id: 'createOpeningBalance',
          tags: ['receipts'],
          summary: 'Record a customer or supplier opening balance',
          ok: { status: 201, schema: 'Document', description: 'The opening balance document' },
          errors: [409],
        }),
        body: OpeningBalanceBody,
        headers: IdempotencyHeaders,
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      return idempotentCreate(
        db,
        request,
        reply,
        async (tx) => {
          const id = await createOpeningBalance(tx, ctx, request.body);
          return { documentId: id };
        },
        docOpts(ctx.accountId),
      );
    },
  );
};
