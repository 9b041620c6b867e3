import type { FastifyInstance } from 'fastify';
import { Type, type TSchema } from 'typebox';

/**
 * Response schemas of the native API, shared as OpenAPI components (`#/components/schemas/<$id>`).
 * NOTE: they describe, they do not filter: the native API serializes with JSON.stringify (see ./serializer.ts),
 * and test/api/openapi.test.ts checks every answer of a full scenario against them with no field left undeclared.
 */
const Null = Type.Null();
const N = <T extends TSchema>(t: T) => Type.Union([t, Null]);
const Str = Type.String();
const Int = Type.Integer();
const Bool = Type.Boolean();
const Dec = Type.String({ description: 'A decimal as a string', examples: ['123.45'] });
const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const Instant = Type.String({ format: 'date-time', description: 'ISO 8601 instant (UTC)' });
const PgInstant = Type.String({ description: 'Instant as PostgreSQL prints it: YYYY-MM-DD hh:mm:ss.sss+00' });
const Local = Type.String({ description: 'YYYY-MM-DDThh:mm:ss, Lisbon time' });
const Open = (description: string) => Type.Object({}, { additionalProperties: true, description });
const Ref = (id: string) => Type.Ref(id);
const Obj = (id: string, props: Record<string, TSchema>, description: string) =>
  Type.Object(props, { $id: id, description });
const Page = (id: string, item: string) =>
  Obj(id, { data: Type.Array(Ref(item)), pagination: Ref('Pagination') }, `A page of ${item} records.`);

const ErrorDetail = Obj(
  'ErrorDetail',
  {
    field: Type.String({
      description: 'The field: a body path (lines[0].quantity), or querystring.x, params.x, headers.x',
    }),
    issue: Type.String({ description: 'required, invalid, unknown, too_long, out_of_range, …' }),
    message: Str,
    value: Type.Optional(Str),
  },
  'What is wrong with one field.',
);

const ErrorBody = Obj(
  'Error',
  {
    error: Type.Object(
      {
        code: Type.String({
          description:
            'Machine-readable: validation, not_found, conflict, unauthenticated, rate_limited, document_not_draft, …',
        }),
        message: Str,
        details: Type.Array(Ref('ErrorDetail')),
        requestId: Type.String({ description: 'Also in the X-Request-Id header' }),
        constraint: Type.Optional(Type.String({ description: 'The database constraint, for conflicts' })),
        returnCode: Type.Optional(N(Str)),
        results: Type.Optional(Type.Array(Open('A per-type result'))),
      },
      { additionalProperties: true },
    ),
  },
  'Every error of the native API.',
);

const Pagination = Obj('Pagination', { page: Int, perPage: Int, total: Int, totalPages: Int }, 'Where this page is.');

const Party = Type.Object(
  {
    name: Type.Optional(Str),
    taxId: Type.Optional(Str),
    country: Type.Optional(Str),
    street: Type.Optional(N(Str)),
    postalCode: Type.Optional(N(Str)),
    city: Type.Optional(N(Str)),
    email: Type.Optional(N(Str)),
    code: Type.Optional(N(Str)),
    phone: Type.Optional(N(Str)),
    legalName: Type.Optional(Str),
    tradeName: Type.Optional(N(Str)),
    companyRegistry: Type.Optional(N(Str)),
    website: Type.Optional(N(Str)),
  },
  {
    $id: 'Party',
    additionalProperties: true,
    description:
      'A customer or seller as printed on the document: a snapshot (the seller’s is taken at finalization: empty on drafts).',
  },
);

const Address = Obj(
  'Address',
  {
    street: Type.Optional(N(Str)),
    postalCode: Type.Optional(N(Str)),
    city: Type.Optional(N(Str)),
    country: Type.Optional(N(Str)),
  },
  'A postal address.',
);

const Line = Obj(
  'Line',
  {
    id: Int,
    position: Int,
    itemId: N(Int),
    code: Str,
    description: Str,
    productType: Str,
    quantity: Dec,
    unit: Str,
    unitPrice: Dec,
    discounts: Type.Array(Dec, { description: 'Three cascading discounts, percent' }),
    tax: Type.Object({ id: N(Int), type: Str, region: Str, code: Str, rate: Dec }),
    exemption: N(Type.Object({ code: Str, reason: N(Str) })),
    vatCategory: Type.Optional(
      Type.String({
        description: 'Belgian sellers: the EN 16931 VAT category (S, Z, E, AE, K, G, O); absent on PT lines.',
      }),
    ),
    vatexCode: Type.Optional(N(Type.String({ description: 'Belgian sellers: the VATEX exemption reason code.' }))),
    exemptionReason: Type.Optional(N(Type.String({ description: 'Belgian sellers: the exemption or legal mention.' }))),
    netAmount: Dec,
    unitNetPrice: Dec,
    discountAmount: Dec,
    netTotal: Dec,
    taxTotal: Dec,
    grossTotal: Dec,
    originLineId: N(Int),
    originDocumentId: N(Int),
    reference: N(
      Type.Object(
        { number: Str, date: N(Day), reason: N(Str) },
        { description: 'The corrected document outside the system, by its number.' },
      ),
    ),
  },
  'A line of a document, with its computed amounts.',
);

const TaxSummaryRow = Obj(
  'TaxSummaryRow',
  {
    type: Str,
    region: Str,
    code: Str,
    rate: Dec,
    base: Dec,
    tax: Dec,
    exemptionCode: Type.Optional(N(Str)),
    vatCategory: Type.Optional(
      Type.String({ description: 'Belgian sellers: the EN 16931 VAT category of the group.' }),
    ),
    vatexCode: Type.Optional(N(Str)),
    exemptionReason: Type.Optional(N(Str)),
  },
  'The tax of one rate (Belgian sellers: of one VAT category and rate), at document level.',
);

const Totals = Type.Object({
  net: Dec,
  tax: Dec,
  gross: Dec,
  discount: Dec,
  withholding: Dec,
  roundingAdjustment: Dec,
  payable: Dec,
  currencyGross: N(Dec),
});

const DocumentStatus = Type.Union([Type.Literal('draft'), Type.Literal('final'), Type.Literal('cancelled')]);

const Document = Obj(
  'Document',
  {
    id: Int,
    type: Str,
    status: DocumentStatus,
    number: N(Type.String({ description: 'e.g. FT A2026/1; null for drafts' })),
    sequence: N(Int),
    series: Type.Object({ id: Int, code: Str }),
    storeId: N(Int),
    date: Day,
    dueDate: N(Day),
    taxPointDate: N(Day),
    systemEntryDate: N(Local),
    statusDate: N(Local),
    contactId: N(Int),
    customer: Ref('Party'),
    seller: Ref('Party'),
    currency: Str,
    exchangeRate: N(Dec),
    language: Str,
    reference: N(Str),
    observations: N(Str),
    internalNote: N(Str),
    stateId: N(Int),
    paymentMethodId: N(Int),
    shippingMethodId: N(Int),
    transport: N(
      Type.Object({
        loadAddress: N(Ref('Address')),
        unloadAddress: N(Ref('Address')),
        loadAt: N(Local),
        unloadAt: N(Local),
        vehiclePlate: N(Str),
        atCode: N(Str),
      }),
    ),
    vatIncluded: Bool,
    globalDiscount: N(Type.Object({ kind: Type.Union([Type.Literal('percent'), Type.Literal('amount')]), value: Dec })),
    withholding: N(Type.Object({ type: N(Str), rate: Dec, amount: Dec })),
    totals: Totals,
    taxSummary: Type.Array(Ref('TaxSummaryRow')),
    lines: Type.Array(Ref('Line')),
    relatedDocumentId: N(Int),
    settlements: Type.Array(
      Type.Object({ id: Int, receiptId: Int, documentId: Int, docNo: N(Str), amount: Dec, status: Str }),
    ),
    derivedDocuments: Type.Array(Type.Object({ id: Int, docNo: N(Str), type: Str, status: Str })),
    openBalance: Dec,
    paid: Bool,
    paidOnIssue: Type.Boolean({
      description:
        'Paid by its own issue: an FR always; an FS unless created with paidOnIssue false (then receipts settle it). Kept once finalized.',
    }),
    paymentReference: Type.Optional(
      Type.String({
        description:
          'Belgian sellers: the structured payment reference (OGM/VCS +++ddd/dddd/ddddd+++), given or generated at finalize; absent otherwise.',
      }),
    ),
    cancelReason: N(Str),
    signature: N(Type.Object({ hash: Str, hashControl: N(Str), keyVersion: N(Int) })),
    atcud: N(Str),
    legal: Type.Object(
      {
        hashChars: Str,
        certification: Str,
        atcudLine: N(Str),
        qrPayload: N(Str),
        notices: Type.Array(Str),
      },
      { description: 'What the printed document must show (D8632, P195)' },
    ),
    printedCount: Int,
    downloadToken: Type.String({
      description:
        'The credential of the public links (no API key): the PDF at /download/{id}/{downloadToken}, the AT QR code as PNG at ' +
        '/download/{id}/{downloadToken}/qr.png',
    }),
    createdAt: Instant,
    updatedAt: Instant,
  },
  'A document with its lines, totals and legal marks.',
);

const DocumentSummary = Obj(
  'DocumentSummary',
  {
    id: Int,
    type: Str,
    status: DocumentStatus,
    number: N(Str),
    date: Day,
    dueDate: N(Day),
    contactId: N(Int),
    customerName: Str,
    customerTaxId: Str,
    currency: Str,
    totals: Type.Object({ net: Dec, tax: Dec, gross: Dec, payable: Dec }),
    openBalance: Dec,
    paid: Bool,
    atcud: N(Str),
    reference: N(Str),
    createdAt: Instant,
  },
  'The short form of a document, in lists.',
);

const Contact = Obj(
  'Contact',
  {
    id: Int,
    code: N(Str),
    kind: Type.Union([Type.Literal('customer'), Type.Literal('supplier'), Type.Literal('both')]),
    name: Str,
    taxId: N(Str),
    email: N(Str),
    street: N(Str),
    postalCode: N(Str),
    city: N(Str),
    country: N(Str),
    phone: N(Str),
    website: N(Str),
    contactPerson: N(Str),
    paymentTermsDays: N(Int),
    defaultDiscount: N(Dec),
    withholding: N(Bool),
    language: N(Str),
    typeIds: N(Type.Array(Int)),
    defaultPaymentMethodId: N(Int),
    defaultShippingMethodId: N(Int),
    observations: N(Str),
    isFinalConsumer: Bool,
    archived: Bool,
    createdAt: PgInstant,
    updatedAt: PgInstant,
  },
  'A customer or supplier.',
);

const Item = Obj(
  'Item',
  {
    id: Int,
    code: Str,
    barcode: N(Str),
    description: Str,
    longDescription: N(Str),
    productType: Str,
    unitId: N(Int),
    taxId: N(Int),
    purchaseTaxId: N(Int),
    costPrice: N(Dec),
    price: Dec,
    priceWithVat: N(Dec),
    movesStock: Bool,
    categoryIds: N(Type.Array(Int)),
    archived: Bool,
    createdAt: PgInstant,
    updatedAt: PgInstant,
  },
  'A product or service.',
);

const Tax = Obj(
  'Tax',
  {
    id: Int,
    account_id: Int,
    name: Str,
    tax_type: Str,
    region: Str,
    saft_code: Str,
    rate: Dec,
    is_default: Bool,
    valid_from: N(Day),
    valid_to: N(Day),
    created_at: PgInstant,
  },
  'A tax rate (snake_case, as stored).',
);

const Store = Obj(
  'Store',
  {
    id: Int,
    account_id: Int,
    name: Str,
    street: N(Str),
    postal_code: N(Str),
    city: N(Str),
    country: Str,
    default_series_id: N(Int),
    allow_negative_stock: Bool,
    is_default: Bool,
  },
  'A store or warehouse (snake_case, as stored).',
);

const Series = Obj(
  'Series',
  {
    id: Int,
    code: Str,
    description: Str,
    kind: Type.String({ description: 'N normal, F training, R recovery' }),
    vatIncluded: Bool,
    status: Str,
    isDefault: Bool,
    docTypes: Type.Array(Type.Object({ type: Str, validationCode: N(Str), lastNumber: Int, lastDate: N(Day) })),
  },
  'A document series, per document type its AT validation code and last number.',
);

const CatalogEntry = Type.Object(
  {
    id: Int,
    account_id: Int,
    name: Type.Optional(Str),
    symbol: Type.Optional(Str),
    saft_code: Type.Optional(Str),
    plate: Type.Optional(Str),
    description: Type.Optional(N(Str)),
    color: Type.Optional(N(Str)),
    is_default: Type.Optional(Bool),
    archived: Type.Optional(Bool),
  },
  {
    $id: 'CatalogEntry',
    description: 'An entry of a reference table (snake_case, as stored): the fields depend on the table.',
  },
);

const ExemptionReason = Obj(
  'ExemptionReason',
  { code: Str, text: Str, legal_basis: Str, valid_from: N(Day), valid_to: N(Day) },
  'A VAT exemption reason.',
);

const DocumentType = Obj(
  'DocumentType',
  {
    code: Str,
    family: Str,
    seriesClass: N(Str),
    signed: Bool,
    stockSign: Int,
    isInvoice: Bool,
    rectifies: Bool,
    settledOnIssue: Type.Boolean({
      description: 'Paid on issue by default (FR always; FS unless paidOnIssue is false).',
    }),
    unpaidOnIssueAllowed: Type.Boolean({
      description: 'Whether a document may be issued with paidOnIssue false (FS).',
    }),
    receivable: Bool,
    names: Type.Object({ pt: Str, en: Str, fr: Str }),
  },
  'A document type and how it behaves.',
);

const Account = Obj(
  'Account',
  {
    id: Int,
    legalName: Str,
    tradeName: N(Str),
    taxId: Str,
    country: Str,
    street: N(Str),
    postalCode: N(Str),
    city: N(Str),
    email: N(Str),
    phone: N(Str),
    website: N(Str),
    defaultCurrency: Str,
    defaultLanguage: Str,
    sandbox: Bool,
    softwareCertNumber: N(Int),
    defaultTaxId: N(Int),
    iban: N(Str),
    bic: N(Str),
    createdAt: PgInstant,
  },
  'The account (issuer) of the calling key.',
);

const ApiKey = Obj(
  'ApiKey',
  {
    id: Int,
    user_id: N(Int),
    name: N(Str),
    prefix: Str,
    created_at: PgInstant,
    last_used_at: N(PgInstant),
    revoked_at: N(PgInstant),
    scope: Type.Union([Type.Literal('admin'), Type.Literal('issue'), Type.Literal('read')], {
      description: 'What the key may do',
    }),
  },
  'An API key (the key itself is never returned again).',
);

const NewApiKey = Obj(
  'NewApiKey',
  {
    id: Int,
    prefix: Str,
    name: N(Str),
    created_at: PgInstant,
    key: Type.String({ description: 'The key: shown only here' }),
    scope: Type.Union([Type.Literal('admin'), Type.Literal('issue'), Type.Literal('read')], {
      description: 'What the key may do',
    }),
  },
  'A new API key, with the key shown once.',
);

const SigningKey = Obj(
  'SigningKey',
  { keyVersion: Int, algorithm: Str, bits: Int, publicKey: Type.String({ description: 'PEM' }) },
  'The public key of the hash chain.',
);
const Logo = Obj('Logo', { contentType: Str, width: Int, height: Int, bytes: Int, sha256: Str }, 'The stored logo.');
const StockLevel = Obj(
  'StockLevel',
  { itemId: Int, storeId: N(Int), code: Str, description: Str, quantity: Dec },
  'Stock of an item in a store.',
);
const StockMovement = Obj(
  'StockMovement',
  {
    id: Int,
    itemId: Int,
    storeId: N(Int),
    documentId: N(Int),
    documentNumber: N(Str),
    quantity: Dec,
    date: Day,
  },
  'A stock movement from a document.',
);

const Email = Obj(
  'Email',
  {
    id: Int,
    documentId: N(Int),
    kind: Str,
    origin: Str,
    to: Type.Array(Str),
    cc: Type.Array(Str),
    bcc: Type.Array(Str),
    subject: Str,
    body: Str,
    copy: N(Str),
    status: Type.Union(['queued', 'retrying', 'sent', 'failed'].map((v) => Type.Literal(v))),
    attempts: Int,
    lastError: N(Str),
    messageId: N(Str),
    accepted: N(Type.Array(Str)),
    rejected: N(Type.Array(Str)),
    createdAt: Instant,
    updatedAt: Instant,
    sentAt: N(Instant),
    log: Type.Array(
      Type.Object({
        attempt: Int,
        result: Str,
        error: N(Str),
        smtpCode: N(Int),
        smtpResponse: N(Str),
        server: N(Str),
        durationMs: N(Int),
        startedAt: Instant,
        finishedAt: Instant,
      }),
    ),
  },
  'An e-mail of a document (or a test message) and its attempts.',
);

const SmtpSettings = Obj(
  'SmtpSettings',
  {
    source: Type.Union([Type.Literal('account'), Type.Literal('installation'), Type.Literal('none')]),
    account: N(
      Type.Object({
        host: Str,
        port: N(Int),
        secure: Bool,
        username: N(Str),
        passwordSet: Bool,
        from: N(Str),
        replyTo: N(Str),
        updatedAt: Instant,
      }),
    ),
    installation: Type.Object({ configured: Bool, from: N(Str) }),
    secretStorageReason: N(Str),
  },
  'The SMTP server the account’s e-mails go through (the password is never returned).',
);

const EmailTestResult = Obj(
  'EmailTestResult',
  {
    ok: Bool,
    emailId: Int,
    from: Str,
    to: Type.Array(Str),
    smtp: Type.Object({ source: Str, host: N(Str), port: N(Int), secure: N(Bool) }),
    messageId: N(Str),
    accepted: Type.Array(Str),
    rejected: Type.Array(Str),
    response: N(Str),
    error: N(Str),
    durationMs: Int,
  },
  'What the SMTP server answered to a test message.',
);

const EmailTemplate = Obj(
  'EmailTemplate',
  {
    language: Str,
    subject: Str,
    body: Str,
    custom: Bool,
    updatedAt: N(Instant),
    defaults: Type.Object({ subject: Str, body: Str }),
    placeholders: Type.Record(Type.String(), Type.String(), { description: 'Placeholder name → what it stands for' }),
  },
  'The subject and body template of a language.',
);

const webhookFields = {
  id: Int,
  url: Str,
  description: N(Str),
  events: Type.Array(Str),
  enabled: Bool,
  secretHint: Str,
  previousSecretExpiresAt: N(Instant),
  createdAt: Instant,
  updatedAt: Instant,
};
const Webhook = Obj('Webhook', webhookFields, 'A webhook endpoint (without its secret).');
const WebhookWithSecret = Obj(
  'WebhookWithSecret',
  {
    ...webhookFields,
    secret: Type.String({ description: 'whsec_…: shown only on creation and rotation' }),
  },
  'A webhook endpoint with its signing secret.',
);
const WebhookList = Obj('WebhookList', { data: Type.Array(Ref('Webhook')) }, 'The account’s endpoints.');
const WebhookDelivery = Obj(
  'WebhookDelivery',
  {
    id: Int,
    endpointId: Int,
    eventId: Str,
    eventType: Str,
    status: Type.Union(['pending', 'retrying', 'succeeded', 'failed', 'cancelled'].map((v) => Type.Literal(v))),
    attempts: Int,
    lastStatusCode: N(Int),
    lastError: N(Str),
    redeliveryOf: N(Int),
    createdAt: Instant,
    updatedAt: Instant,
    deliveredAt: N(Instant),
    payload: Open('The event as delivered: {id, type, createdAt, accountId, data}'),
    log: Type.Array(
      Type.Object({
        attempt: Int,
        statusCode: N(Int),
        responseExcerpt: N(Str),
        error: N(Str),
        durationMs: N(Int),
        signatureTimestamp: N(Int),
        startedAt: Instant,
        finishedAt: Instant,
      }),
    ),
  },
  'A delivery of an event to an endpoint, with its attempts.',
);

const AtSettings = Obj(
  'AtSettings',
  {
    environment: Type.Union([Type.Literal('test'), Type.Literal('production')]),
    username: N(Str),
    passwordSet: Bool,
    transportEnabled: Bool,
    invoicesEnabled: Bool,
    updatedAt: N(Instant),
    installation: Type.Object({
      notReadyReason: N(Str),
      secretStorageReason: N(Str),
      endpoints: Type.Object({ series: N(Str), transport: N(Str), invoices: N(Str) }),
    }),
  },
  'The account’s AT settings (the password is never returned).',
);

const AtConnectionTest = Obj(
  'AtConnectionTest',
  {
    ok: Bool,
    environment: Str,
    endpoint: N(Str),
    code: N(Str),
    message: Str,
    retryable: Bool,
    durationMs: N(Int),
    communicationId: N(Int),
  },
  'What AT answered to a test call.',
);

const AtCommunication = Obj(
  'AtCommunication',
  {
    id: Int,
    documentId: N(Int),
    seriesId: N(Int),
    service: Str,
    operation: Str,
    environment: Str,
    status: Type.Union(['success', 'retryable', 'permanent', 'skipped'].map((v) => Type.Literal(v))),
    returnCode: N(Str),
    returnMessage: N(Str),
    atCode: N(Str),
    httpStatus: N(Int),
    request: Type.Unknown({ description: 'What was sent (secrets removed)' }),
    response: Type.Unknown({ description: 'What AT answered' }),
    jobId: N(Int),
    attempt: N(Int),
    durationMs: N(Int),
    startedAt: Instant,
    finishedAt: Instant,
  },
  'One call to AT.',
);

const AtSeries = Obj(
  'AtSeries',
  {
    id: Int,
    code: Str,
    kind: Str,
    status: Str,
    docTypes: Type.Array(Type.Object({ type: Str, validationCode: N(Str), lastNumber: Int })),
    atRegistrations: Type.Array(
      Type.Object({ docType: Str, environment: Str, validationCode: N(Str), state: Str, firstNumber: N(Int) }),
    ),
  },
  'A series and its AT registrations.',
);

const SeriesRegistration = Obj(
  'SeriesRegistration',
  {
    registration: Type.Object({
      seriesId: Int,
      docType: Str,
      validationCode: Str,
      environment: Str,
      firstNumber: Int,
      reconciled: Bool,
    }),
    series: Ref('AtSeries'),
  },
  'A registration made with AT (SeriesWS registarSerie).',
);

const SeriesFinalization = Obj(
  'SeriesFinalization',
  {
    seriesId: Int,
    status: Type.Literal('finalized'),
    environment: Str,
    complete: Bool,
    results: Type.Array(Type.Object({ docType: Str, outcome: Str, code: N(Str), message: Str, lastNumber: N(Int) })),
    series: Ref('AtSeries'),
  },
  'A series finalized here and at AT (SeriesWS finalizarSerie).',
);

const SeriesAnnulment = Obj(
  'SeriesAnnulment',
  {
    seriesId: Int,
    docType: Str,
    state: Type.Literal('N'),
    environment: Str,
    series: Ref('AtSeries'),
  },
  'A registration annulled at AT (SeriesWS anularSerie).',
);

const Communication = Obj(
  'Communication',
  {
    status: Str,
    operation: N(Str),
    code: N(Str),
    message: Str,
    atCode: N(Str),
    communicationId: N(Int),
    queued: Bool,
    document: Ref('Document'),
  },
  'The outcome of a communication to AT, and the document after it.',
);

export const NATIVE_COMPONENTS: TSchema[] = [
  ErrorDetail,
  ErrorBody,
  Pagination,
  Party,
  Address,
  Line,
  TaxSummaryRow,
  Document,
  DocumentSummary,
  Page('DocumentPage', 'DocumentSummary'),
  Contact,
  Page('ContactPage', 'Contact'),
  Item,
  Page('ItemPage', 'Item'),
  Tax,
  Store,
  Series,
  CatalogEntry,
  ExemptionReason,
  DocumentType,
  Account,
  ApiKey,
  NewApiKey,
  SigningKey,
  Logo,
  StockLevel,
  StockMovement,
  Email,
  Page('EmailPage', 'Email'),
  SmtpSettings,
  EmailTestResult,
  EmailTemplate,
  Webhook,
  WebhookWithSecret,
  WebhookList,
  WebhookDelivery,
  Page('WebhookDeliveryPage', 'WebhookDelivery'),
  AtSettings,
  AtConnectionTest,
  AtCommunication,
  Page('AtCommunicationPage', 'AtCommunication'),
  AtSeries,
  SeriesRegistration,
  SeriesFinalization,
  SeriesAnnulment,
  Communication,
];

/** Adds the shared schemas to the server, so routes refer to them with Type.Ref('<$id>'). */
export function addNativeComponents(app: FastifyInstance): void {
  for (const s of NATIVE_COMPONENTS) app.addSchema(s);
}
