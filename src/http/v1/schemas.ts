import { Type } from 'typebox';
import { ADDRESS_TEXT_LIMITS, DOCUMENT_TEXT_LIMITS, LINE_TEXT_LIMITS } from '../../domain/documents/limits.js';

/**
 * Request schemas of the native API: they validate input and document it in OpenAPI. Bodies are closed
 * (`additionalProperties: false`): a field they do not know is refused with 422 `unknown field`, never ignored.
 */
const Closed = { additionalProperties: false } as const;
const Opt = <T extends Parameters<typeof Type.Optional>[0]>(t: T) => Type.Optional(t);
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
export const DecimalValue = Type.Union(
  [Type.String({ pattern: '^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)$', maxLength: 40 }), Type.Number()],
  { description: 'A decimal, preferably as a string.' },
);
export const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
export const Id = Type.Integer({ minimum: 1 });

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const AddressBody = Type.Object(
  {
    street: Opt(Nullable(Type.String({ maxLength: ADDRESS_TEXT_LIMITS.street }))),
    postalCode: Opt(Nullable(Type.String({ maxLength: ADDRESS_TEXT_LIMITS.postalCode }))),
    city: Opt(Nullable(Type.String({ maxLength: ADDRESS_TEXT_LIMITS.city }))),
    country: Opt(Nullable(Type.String({ minLength: 2, maxLength: ADDRESS_TEXT_LIMITS.country }))),
  },
  Closed,
);

export const ContactBody = Type.Object(
  {
    code: Opt(Nullable(Type.String({ maxLength: 30 }))),
    kind: Opt(Type.Union([Type.Literal('customer'), Type.Literal('supplier'), Type.Literal('both')])),
    name: Opt(Type.String({ maxLength: 100 })),
    taxId: Opt(Nullable(Type.String({ maxLength: 30 }))),
    email: Opt(Nullable(Type.String({ maxLength: 254 }))),
    street: Opt(Nullable(Type.String({ maxLength: 200 }))),
    postalCode: Opt(Nullable(Type.String({ maxLength: 20 }))),
    city: Opt(Nullable(Type.String({ maxLength: 50 }))),
    country: Opt(Nullable(Type.String({ minLength: 2, maxLength: 2 }))),
    phone: Opt(Nullable(Type.String({ maxLength: 30 }))),
    website: Opt(Nullable(Type.String({ maxLength: 200 }))),
    contactPerson: Opt(Nullable(Type.String({ maxLength: 100 }))),
    paymentTermsDays: Opt(Nullable(Type.Integer({ minimum: 0, maximum: 3650 }))),
    defaultDiscount: Opt(Nullable(DecimalValue)),
    withholding: Opt(Nullable(Type.Boolean())),
    language: Opt(Nullable(Type.Union([Type.Literal('pt'), Type.Literal('en'), Type.Literal('fr')]))),
    typeIds: Opt(Nullable(Type.Array(Id, { maxItems: 50 }))),
    defaultPaymentMethodId: Opt(Nullable(Id)),
    defaultShippingMethodId: Opt(Nullable(Id)),
    observations: Opt(Nullable(Type.String({ maxLength: 1000 }))),
    archived: Opt(Type.Boolean({ description: 'Hidden from pickers; still usable by id on documents.' })),
  },
  Closed,
);

export const ItemBody = Type.Object(
  {
    code: Opt(Type.String({ maxLength: 60 })),
    barcode: Opt(Nullable(Type.String({ maxLength: 60 }))),
    description: Opt(Type.String({ maxLength: 200 })),
    longDescription: Opt(Nullable(Type.String({ maxLength: 2000 }))),
    productType: Opt(Type.Union(['P', 'S', 'O', 'E', 'I'].map((v) => Type.Literal(v)))),
    unitId: Opt(Nullable(Id)),
    taxId: Opt(Nullable(Id)),
    purchaseTaxId: Opt(Nullable(Id)),
    costPrice: Opt(Nullable(DecimalValue)),
    price: Opt(DecimalValue),
    priceWithVat: Opt(Nullable(DecimalValue)),
    movesStock: Opt(Type.Boolean()),
    categoryIds: Opt(Type.Array(Id, { maxItems: 50 })),
    archived: Opt(Type.Boolean({ description: 'Hidden from pickers; still usable by id on documents.' })),
  },
  Closed,
);

export const LineBody = Type.Object(
  {
    itemId: Opt(Nullable(Id)),
    item: Opt(Nullable(ItemBody)),
    code: Opt(Nullable(Type.String({ maxLength: LINE_TEXT_LIMITS.code }))),
    description: Opt(Nullable(Type.String({ maxLength: LINE_TEXT_LIMITS.description }))),
    productType: Opt(Type.Union(['P', 'S', 'O', 'E', 'I'].map((v) => Type.Literal(v)))),
    quantity: DecimalValue,
    unitPrice: Opt(Nullable(DecimalValue)),
    unit: Opt(Nullable(Type.String({ maxLength: LINE_TEXT_LIMITS.unit }))),
    discounts: Opt(Nullable(Type.Array(DecimalValue, { maxItems: 3 }))),
    taxId: Opt(Nullable(Id)),
    taxName: Opt(Nullable(Type.String({ maxLength: 60 }))),
    taxRate: Opt(Nullable(DecimalValue)),
    taxRegion: Opt(Nullable(Type.String({ maxLength: 5 }))),
    exemptionCode: Opt(Nullable(Type.String({ maxLength: 3 }))),
    exemptionReason: Opt(Nullable(Type.String({ maxLength: LINE_TEXT_LIMITS.exemptionReason }))),
    vatCategory: Opt(
      Nullable(
        Type.Union(
          ['S', 'Z', 'E', 'AE', 'K', 'G', 'O'].map((v) => Type.Literal(v)),
          {
            description:
              'Belgian sellers only: the EN 16931 VAT category (S standard, Z zero rated, E exempt, AE reverse charge, K intra-community supply, G export, O outside scope). Default S on a taxed line; required on a 0 % line.',
          },
        ),
      ),
    ),
    vatexCode: Opt(
      Nullable(
        Type.String({
          maxLength: 30,
          description:
            'Belgian sellers only: the VATEX exemption reason code (EN 16931 BT-121), e.g. VATEX-EU-132-1I; AE, K, G and O default to VATEX-EU-AE, -IC, -G, -O.',
        }),
      ),
    ),
    originLineId: Opt(Nullable(Id)),
    reference: Opt(
      Nullable(
        Type.Object(
          {
            number: Type.String({ minLength: 1, maxLength: 60, description: 'As printed on the original.' }),
            date: Opt(Nullable(IsoDate)),
            reason: Opt(Nullable(Type.String({ maxLength: 50 }))),
          },
          {
            ...Closed,
            description:
              'Credit and debit notes, instead of originLineId: the corrected document by its number (one issued before this system; the number of a document of the account stands for that document).',
          },
        ),
      ),
    ),
  },
  Closed,
);

/** E-mail addresses to send the finalized document to (outbox, after commit). */
export const SendTo = Type.Union(
  [
    Type.String({ maxLength: 2000, description: 'One address, or several separated by commas or semicolons' }),
    Type.Array(Type.String({ maxLength: 254 }), { maxItems: 50 }),
  ],
  {
    description:
      'E-mail the PDF to these addresses once finalized (requires finalize); see POST /v1/documents/{id}/email.',
  },
);

const DocumentFields = {
  seriesId: Opt(Nullable(Id)),
  storeId: Opt(Nullable(Id)),
  date: Opt(Nullable(IsoDate)),
  dueDate: Opt(Nullable(IsoDate)),
  taxPointDate: Opt(Nullable(IsoDate)),
  contactId: Opt(Nullable(Id)),
  customer: Opt(Nullable(Type.Object({ ...ContactBody.properties, id: Opt(Nullable(Id)) }, Closed))),
  billingAddress: Opt(Nullable(AddressBody)),
  vatIncluded: Opt(Nullable(Type.Boolean())),
  paidOnIssue: Opt(
    Nullable(
      Type.Boolean({
        description:
          'A simplified invoice (FS) is paid on issue unless this is false: it then opens its amount for receipts (CIVA art. 40.º). An FR is always paid on issue, no other type is: the contrary is refused.',
      }),
    ),
  ),
  globalDiscount: Opt(
    Nullable(
      Type.Object({ kind: Type.Union([Type.Literal('percent'), Type.Literal('amount')]), value: DecimalValue }, Closed),
    ),
  ),
  withholding: Opt(
    Nullable(
      Type.Object(
        { type: Opt(Type.Union([Type.Literal('IRS'), Type.Literal('IRC'), Type.Literal('IS')])), rate: DecimalValue },
        Closed,
      ),
    ),
  ),
  roundingAdjustment: Opt(Nullable(DecimalValue)),
  exemptionCode: Opt(Nullable(Type.String({ maxLength: 3 }))),
  paymentReference: Opt(
    Nullable(
      Type.String({
        maxLength: 30,
        description:
          'Belgian sellers only: the structured communication (OGM/VCS) +++ddd/dddd/ddddd+++ with its mod-97 check. Generated at finalize for invoices and debit notes when absent.',
      }),
    ),
  ),
  currency: Opt(Nullable(Type.String({ minLength: 3, maxLength: 3 }))),
  exchangeRate: Opt(Nullable(DecimalValue)),
  language: Opt(
    Nullable(
      Type.Union(
        ['pt', 'en', 'fr', 'nl', 'de'].map((v) => Type.Literal(v)),
        {
          description: 'nl and de for Belgian sellers only.',
        },
      ),
    ),
  ),
  reference: Opt(Nullable(Type.String({ maxLength: DOCUMENT_TEXT_LIMITS.reference }))),
  observations: Opt(Nullable(Type.String({ maxLength: DOCUMENT_TEXT_LIMITS.observations }))),
  internalNote: Opt(Nullable(Type.String({ maxLength: DOCUMENT_TEXT_LIMITS.internalNote }))),
  stateId: Opt(Nullable(Id)),
  paymentMethodId: Opt(Nullable(Id)),
  shippingMethodId: Opt(Nullable(Id)),
  loadAddress: Opt(Nullable(AddressBody)),
  unloadAddress: Opt(Nullable(AddressBody)),
  loadAt: Opt(Nullable(Type.String({ maxLength: 25, description: 'YYYY-MM-DDThh:mm:ss (Lisbon time)' }))),
  unloadAt: Opt(Nullable(Type.String({ maxLength: 25 }))),
  vehiclePlate: Opt(Nullable(Type.String({ maxLength: DOCUMENT_TEXT_LIMITS.vehiclePlate }))),
  finalize: Opt(Type.Boolean({ description: 'Finalize (number and sign) in the same call.' })),
  sendTo: Opt(Nullable(SendTo)),
};

export const DocumentBody = Type.Object(
  {
    type: Type.String({ description: 'FT FS FR NC ND GT GR GA GC GD OR PF NE FO', maxLength: 3 }),
    ...DocumentFields,
    relatedDocumentId: Opt(Nullable(Id)),
    lines: Type.Array(LineBody, { minItems: 1, maxItems: 1000 }),
  },
  Closed,
);

export const DraftUpdateBody = Type.Object(
  {
    type: Opt(Type.String({ maxLength: 3 })),
    ...DocumentFields,
    relatedDocumentId: Opt(Nullable(Id)),
    lines: Type.Array(LineBody, { minItems: 1, maxItems: 1000 }),
  },
  Closed,
);

export const FromOriginBody = Type.Object(
  {
    type: Type.String({ maxLength: 3 }),
    ...DocumentFields,
    lines: Opt(
      Type.Array(Type.Object({ originLineId: Id, quantity: Opt(DecimalValue), unitPrice: Opt(DecimalValue) }, Closed), {
        maxItems: 1000,
      }),
    ),
  },
  Closed,
);

export const ConvertBody = Type.Object(
  {
    ...FromOriginBody.properties,
    originIds: Type.Array(Id, { minItems: 1, maxItems: 100 }),
  },
  { ...Closed, examples: [{ type: 'FT', originIds: [1], finalize: true }] },
);

export const CancelBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 200 }) },
  { ...Closed, examples: [{ reason: 'Erro nos dados do cliente' }] },
);

export const ReceiptBody = Type.Object(
  {
    type: Opt(Type.Union([Type.Literal('RG'), Type.Literal('RC')])),
    seriesId: Opt(Nullable(Id)),
    date: Opt(Nullable(IsoDate)),
    paymentMethodId: Opt(Nullable(Id)),
    observations: Opt(Nullable(Type.String({ maxLength: 1000 }))),
    documents: Type.Array(Type.Object({ documentId: Id, amount: Opt(Nullable(DecimalValue)) }, Closed), {
      minItems: 1,
      maxItems: 500,
    }),
    finalize: Opt(Type.Boolean()),
    sendTo: Opt(Nullable(SendTo)),
  },
  Closed,
);

export const OpeningBalanceBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('customer'), Type.Literal('supplier')]),
    contactId: Id,
    amount: DecimalValue,
    date: Opt(Nullable(IsoDate)),
    seriesId: Opt(Nullable(Id)),
    observations: Opt(Nullable(Type.String({ maxLength: 1000 }))),
  },
  Closed,
);

export const PageQuery = {
  page: Opt(Type.Integer({ minimum: 1 })),
  perPage: Opt(Type.Integer({ minimum: 1, maximum: 200 })),
};

export const ErrorEnvelope = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Array(
        Type.Object({ field: Type.String(), issue: Type.String(), message: Type.String(), value: Opt(Type.String()) }),
      ),
      requestId: Type.String(),
    }),
  },
  { description: 'Every error of the native API.' },
);

// Examples shown by the API docs ("Try it out" sends them): each is valid as written on a new account.
const EXAMPLE_LINE = { description: 'Consultoria', quantity: '1', unitPrice: '100.00', taxName: 'IVA23' };
Object.assign(DocumentBody, {
  examples: [
    { type: 'FT', finalize: true, customer: { name: 'Cliente Exemplo', taxId: '123456789' }, lines: [EXAMPLE_LINE] },
  ],
});
Object.assign(DraftUpdateBody, {
  examples: [{ type: 'FT', customer: { name: 'Cliente Exemplo', taxId: '123456789' }, lines: [EXAMPLE_LINE] }],
});
Object.assign(ContactBody, {
  examples: [{ name: 'Cliente Exemplo, Lda', taxId: '503340855', email: 'geral@example.com', city: 'Lisboa' }],
});
Object.assign(ItemBody, {
  examples: [{ code: 'CONS-H', description: 'Consultoria (hora)', productType: 'S', price: '60.00' }],
});
Object.assign(ReceiptBody, { examples: [{ documents: [{ documentId: 1, amount: '50.00' }], finalize: true }] });
Object.assign(OpeningBalanceBody, { examples: [{ kind: 'customer', contactId: 1, amount: '250.00' }] });
