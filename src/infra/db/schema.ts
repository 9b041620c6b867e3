import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Numerics and dates travel as strings (see database.ts); JSON columns as parsed values. */
type Num = ColumnType<string, string | number, string | number>;
type NumDefault = ColumnType<string, string | number | undefined, string | number>;
type Ts = ColumnType<string, string | undefined, string>;
type Json<T> = ColumnType<T, string, string>;
type Id = Generated<number>;

export interface AccountsTable {
  id: Id;
  legal_name: string;
  trade_name: string | null;
  tax_id: string;
  country: Generated<string>;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  region: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  company_registry: string | null;
  default_currency: Generated<string>;
  default_language: Generated<string>;
  sandbox: Generated<boolean>;
  software_cert_number: Generated<number>;
  default_tax_id: number | null;
  /** The seller's bank account for credit transfers (migration 0024), normalized: IBAN without spaces, BIC. */
  iban: Generated<string | null>;
  bic: Generated<string | null>;
  /** Replaced by triggers on every change of what a process may cache (migration 0009). */
  config_version: Generated<string>;
  /** The account that created this one as its partner (MagniFinance AddPartner, migration 0031). */
  parent_account_id: Generated<number | null>;
  created_at: Ts;
}

export interface SigningKeysTable {
  account_id: number;
  version: number;
  public_pem: string;
  private_pem: string;
  active: Generated<boolean>;
  created_at: Ts;
}

export interface UsersTable {
  id: Id;
  account_id: number;
  email: string;
  name: Generated<string>;
  password_hash: string | null;
  role: Generated<string>;
  created_at: Ts;
}

export interface ApiKeysTable {
  id: Id;
  account_id: number;
  user_id: number;
  name: Generated<string>;
  prefix: string;
  key_hash: string;
  created_at: Ts;
  last_used_at: string | null;
  revoked_at: string | null;
  scope: Generated<'admin' | 'issue' | 'read'>;
  /** The login token sealed (migration 0017): set only on the key a password login created. */
  login_token_sealed: string | null;
  /** The partner's access token sealed (migration 0031): set only on the key GetPartnerAccessTokens returns. */
  partner_token_sealed: Generated<string | null>;
}

export interface ExemptionReasonsTable {
  code: string;
  text: string;
  legal_basis: string;
  valid_from: string | null;
  valid_to: string | null;
}

export interface TaxesTable {
  id: Id;
  account_id: number;
  name: string;
  tax_type: Generated<string>;
  region: Generated<string>;
  saft_code: string;
  rate: Num;
  is_default: Generated<boolean>;
  valid_from: string | null;
  valid_to: string | null;
  created_at: Ts;
}

export interface UnitsTable {
  id: Id;
  account_id: number;
  name: string;
  symbol: string;
  is_default: Generated<boolean>;
  archived: Generated<boolean>;
}
export interface PaymentMethodsTable {
  id: Id;
  account_id: number;
  name: string;
  saft_code: string;
  is_default: Generated<boolean>;
  archived: Generated<boolean>;
}
export interface ShippingMethodsTable {
  id: Id;
  account_id: number;
  name: string;
  is_default: Generated<boolean>;
  archived: Generated<boolean>;
}
export interface VehiclesTable {
  id: Id;
  account_id: number;
  plate: string;
  description: Generated<string>;
  archived: Generated<boolean>;
}
export interface DocumentStatesTable {
  id: Id;
  account_id: number;
  name: string;
  color: string | null;
  archived: Generated<boolean>;
}
export interface ContactTypesTable {
  id: Id;
  account_id: number;
  name: string;
  archived: Generated<boolean>;
}
export interface ItemCategoriesTable {
  id: Id;
  account_id: number;
  name: string;
  archived: Generated<boolean>;
}

export interface SeriesTable {
  id: Id;
  account_id: number;
  code: string;
  description: Generated<string>;
  kind: Generated<'N' | 'F' | 'R'>;
  vat_included: Generated<boolean>;
  status: Generated<'active' | 'finalized'>;
  is_default: Generated<boolean>;
  created_at: Ts;
}

export interface SeriesDocTypesTable {
  account_id: number;
  series_id: number;
  doc_type: string;
  validation_code: string | null;
  /** The internal code printed before the numbers; null: the type's code (migration 0022). */
  prefix: string | null;
  last_number: Generated<number>;
  last_hash: Generated<string>;
  last_doc_date: string | null;
  last_system_entry: string | null;
}

export interface StoresTable {
  id: Id;
  account_id: number;
  name: string;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  country: Generated<string>;
  default_series_id: number | null;
  allow_negative_stock: Generated<boolean>;
  is_default: Generated<boolean>;
}

export interface ContactsTable {
  id: Id;
  account_id: number;
  code: string;
  kind: Generated<'customer' | 'supplier' | 'both'>;
  name: string;
  tax_id: string | null;
  email: string | null;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  country: Generated<string>;
  phone: string | null;
  website: string | null;
  contact_person: string | null;
  payment_terms_days: Generated<number>;
  default_discount: NumDefault;
  withholding: Generated<boolean>;
  language: string | null;
  type_ids: ColumnType<number[], number[] | undefined, number[]>;
  default_payment_method_id: number | null;
  default_shipping_method_id: number | null;
  observations: string | null;
  is_final_consumer: Generated<boolean>;
  archived: Generated<boolean>;
  created_at: Ts;
  updated_at: Ts;
}

export interface ItemsTable {
  id: Id;
  account_id: number;
  code: string;
  barcode: string | null;
  description: string;
  long_description: string | null;
  product_type: Generated<string>;
  unit_id: number | null;
  tax_id: number | null;
  purchase_tax_id: number | null;
  cost_price: string | null;
  price: NumDefault;
  price_with_vat: string | null;
  moves_stock: Generated<boolean>;
  category_ids: ColumnType<number[], number[] | undefined, number[]>;
  created_at: Ts;
  updated_at: Ts;
  archived: Generated<boolean>;
}

export interface PartySnapshot {
  name: string;
  taxId: string;
  country: string;
  street?: string | null;
  postalCode?: string | null;
  city?: string | null;
  email?: string | null;
  code?: string | null;
  phone?: string | null;
  legalName?: string;
  tradeName?: string | null;
  companyRegistry?: string | null;
  website?: string | null;
  /** The seller's bank account at finalize (seller snapshots only; absent when the account had none). */
  iban?: string | null;
  bic?: string | null;
}

export interface AddressSnapshot {
  street?: string | null;
  postalCode?: string | null;
  city?: string | null;
  country?: string | null;
}

export interface TaxSummaryRow {
  type: string;
  region: string;
  code: string;
  rate: string;
  base: string;
  tax: string;
  exemptionCode?: string | null;
}

export interface DocumentsTable {
  id: Id;
  account_id: number;
  doc_type: string;
  series_id: number;
  store_id: number | null;
  user_id: number | null;
  status: Generated<'draft' | 'final' | 'cancelled'>;
  number: number | null;
  doc_no: string | null;
  doc_date: string;
  due_date: string | null;
  tax_point_date: string | null;
  system_entry_date: string | null;
  status_date: string | null;
  contact_id: number | null;
  customer: Json<PartySnapshot>;
  seller: Json<PartySnapshot>;
  load_address: Json<AddressSnapshot | null>;
  unload_address: Json<AddressSnapshot | null>;
  load_at: string | null;
  unload_at: string | null;
  vehicle_plate: string | null;
  payment_method_id: number | null;
  shipping_method_id: number | null;
  currency: Generated<string>;
  exchange_rate: string | null;
  language: Generated<string>;
  reference: string | null;
  observations: string | null;
  internal_note: string | null;
  state_id: number | null;
  vat_included: Generated<boolean>;
  global_discount_kind: 'percent' | 'amount' | null;
  global_discount_value: string | null;
  withholding_type: string | null;
  withholding_rate: string | null;
  rounding_adjustment: NumDefault;
  net_total: NumDefault;
  tax_total: NumDefault;
  gross_total: NumDefault;
  discount_total: NumDefault;
  withholding_total: NumDefault;
  payable_total: NumDefault;
  currency_total: string | null;
  tax_summary: Json<TaxSummaryRow[]>;
  hash: string | null;
  hash_control: string | null;
  atcud: string | null;
  key_version: number | null;
  cancel_reason: string | null;
  open_balance: NumDefault;
  paid: Generated<boolean>;
  /** Whether it was settled by its own issue (migration 0023): set at finalize; a draft's NULL is its type's default. */
  settled_on_issue: Generated<boolean | null>;
  /** The Belgian structured payment reference `+++ddd/dddd/ddddd+++` (migration 0020); NULL for PT documents. */
  payment_reference: Generated<string | null>;
  at_code: string | null;
  printed_count: Generated<number>;
  download_token: string;
  related_document_id: number | null;
  created_at: Ts;
  updated_at: Ts;
}

export interface DocumentLinesTable {
  id: Id;
  account_id: number;
  document_id: number;
  position: number;
  item_id: number | null;
  code: string;
  description: string;
  product_type: Generated<string>;
  quantity: Num;
  unit: Generated<string>;
  unit_price: Num;
  discount1: NumDefault;
  discount2: NumDefault;
  discount3: NumDefault;
  tax_id: number | null;
  tax_type: string;
  tax_region: string;
  tax_code: string;
  tax_rate: Num;
  exemption_code: string | null;
  exemption_reason: string | null;
  net_amount: Num;
  unit_net_price: Num;
  discount_amount: NumDefault;
  net_total: Num;
  tax_total: Num;
  gross_total: Num;
  origin_line_id: number | null;
  origin_document_id: number | null;
  /** The original outside the system, by its number (migration 0018). */
  external_reference: Generated<string | null>;
  external_reference_date: Generated<string | null>;
  external_reference_reason: Generated<string | null>;
  /** EN 16931 VAT category (BT-151) and VATEX code (BT-121) of a BE account's line (migration 0020); NULL for PT. */
  vat_category: Generated<string | null>;
  vatex_code: Generated<string | null>;
}

export interface SettlementsTable {
  id: Id;
  account_id: number;
  receipt_id: number;
  document_id: number;
  amount: Num;
}

export interface StockMovementsTable {
  id: Id;
  account_id: number;
  store_id: number;
  item_id: number;
  document_id: number;
  line_id: number;
  quantity: Num;
  moved_on: string;
  created_at: Ts;
}

export interface IdempotencyKeysTable {
  account_id: number;
  scope: string;
  key: string;
  request_hash: string;
  state: Generated<'in_flight' | 'done'>;
  response_status: number | null;
  response_body: Json<unknown>;
  document_id: number | null;
  locked_until: string;
  /** The database handle (process) that claimed it in flight: `owner-liveness.ts`. */
  owner: number | null;
  created_at: Ts;
}

export interface JobsTable {
  id: Id;
  account_id: number;
  kind: string;
  payload: Json<Record<string, unknown>>;
  dedupe_key: string | null;
  state: Generated<'pending' | 'running' | 'done' | 'dead'>;
  run_at: Ts;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_until: string | null;
  last_error: string | null;
  created_at: Ts;
  updated_at: Ts;
}

export interface DB {
  jobs: JobsTable;
  accounts: AccountsTable;
  signing_keys: SigningKeysTable;
  users: UsersTable;
  api_keys: ApiKeysTable;
  exemption_reasons: ExemptionReasonsTable;
  taxes: TaxesTable;
  units: UnitsTable;
  payment_methods: PaymentMethodsTable;
  shipping_methods: ShippingMethodsTable;
  vehicles: VehiclesTable;
  document_states: DocumentStatesTable;
  contact_types: ContactTypesTable;
  item_categories: ItemCategoriesTable;
  series: SeriesTable;
  series_doc_types: SeriesDocTypesTable;
  stores: StoresTable;
  contacts: ContactsTable;
  items: ItemsTable;
  documents: DocumentsTable;
  document_lines: DocumentLinesTable;
  settlements: SettlementsTable;
  stock_movements: StockMovementsTable;
  idempotency_keys: IdempotencyKeysTable;
}

export type Account = Selectable<AccountsTable>;
export type Contact = Selectable<ContactsTable>;
export type NewContact = Insertable<ContactsTable>;
export type ContactUpdate = Updateable<ContactsTable>;
export type Item = Selectable<ItemsTable>;
export type Tax = Selectable<TaxesTable>;
export type Series = Selectable<SeriesTable>;
export type Store = Selectable<StoresTable>;
export type DocumentRow = Selectable<DocumentsTable>;
export type DocumentLineRow = Selectable<DocumentLinesTable>;

// AT communication (migration 0006). Declaration merging keeps these additions apart from the tables above.
export interface AtSettingsTable {
  account_id: number;
  environment: Generated<'test' | 'production'>;
  username: string | null;
  password_sealed: string | null;
  transport_enabled: Generated<boolean>;
  invoices_enabled: Generated<boolean>;
  updated_at: Ts;
}

export interface AtSeriesRegistrationsTable {
  account_id: number;
  series_id: number;
  doc_type: string;
  environment: 'test' | 'production';
  validation_code: string;
  first_number: number | null;
  state: Generated<'A' | 'F' | 'N'>;
  registered_at: Ts;
  state_at: Ts;
}

export interface AtCommunicationsTable {
  id: Id;
  account_id: number;
  document_id: number | null;
  series_id: number | null;
  service: 'series' | 'transport' | 'invoices';
  operation: string;
  environment: 'test' | 'production';
  status: 'success' | 'retryable' | 'permanent' | 'skipped';
  return_code: string | null;
  return_message: string | null;
  at_code: string | null;
  http_status: number | null;
  request: ColumnType<unknown, string | null | undefined, string | null>;
  response: ColumnType<unknown, string | null | undefined, string | null>;
  job_id: number | null;
  attempt: number | null;
  duration_ms: number | null;
  started_at: string;
  finished_at: Ts;
}

export interface DB {
  at_settings: AtSettingsTable;
  at_series_registrations: AtSeriesRegistrationsTable;
  at_communications: AtCommunicationsTable;
}

// PDF rendering (migration 0005): the account's logo and the cache of rendered files.
export interface AccountLogosTable {
  account_id: number;
  content_type: 'image/png' | 'image/jpeg';
  bytes: Uint8Array;
  sha256: string;
  width: number;
  height: number;
  updated_at: Ts;
}

export interface DocumentFilesTable {
  account_id: number;
  document_id: number;
  kind: 'pdf';
  source_hash: string;
  bytes: Uint8Array;
  /** Digest of (account, document, source hash, bytes): see documentFileDigest (migration 0012). */
  sha256: string;
  created_at: Ts;
}

export interface DB {
  account_logos: AccountLogosTable;
  document_files: DocumentFilesTable;
}

// E-mail and webhooks (migration 0007).
export type EmailCopy = 'original' | 'duplicate' | 'reprint';
export type EmailStatus = 'queued' | 'retrying' | 'sent' | 'failed';
export type WebhookDeliveryStatus = 'pending' | 'retrying' | 'succeeded' | 'failed' | 'cancelled';

export interface EmailSmtpSettingsTable {
  account_id: number;
  host: string;
  port: number;
  secure: Generated<boolean>;
  username: string | null;
  password_sealed: string | null;
  from_address: string | null;
  reply_to: string | null;
  updated_at: Ts;
}

export interface EmailTemplatesTable {
  account_id: number;
  language: 'pt' | 'en' | 'fr' | 'nl' | 'de'; // nl, de: migration 0020
  subject: string;
  body: string;
  updated_at: Ts;
}

export interface EmailsTable {
  id: Id;
  account_id: number;
  document_id: number | null;
  kind: 'document' | 'test';
  origin: 'issue' | 'request' | 'test';
  to_addresses: Json<string[]>;
  cc_addresses: ColumnType<string[], string | undefined, string>;
  bcc_addresses: ColumnType<string[], string | undefined, string>;
  subject: string | null;
  body: string | null;
  copy: EmailCopy | null;
  status: Generated<EmailStatus>;
  attempts: Generated<number>;
  last_error: string | null;
  message_id: string | null;
  accepted: ColumnType<string[] | null, string | null | undefined, string | null>;
  rejected: ColumnType<string[] | null, string | null | undefined, string | null>;
  created_at: Ts;
  updated_at: Ts;
  sent_at: string | null;
}

export interface EmailAttemptsTable {
  id: Id;
  account_id: number;
  email_id: number;
  attempt: number;
  result: 'sent' | 'retry' | 'failed';
  error: string | null;
  smtp_code: number | null;
  smtp_response: string | null;
  server: string | null;
  duration_ms: number | null;
  started_at: string;
  finished_at: Ts;
}

export interface WebhookEndpointsTable {
  id: Id;
  account_id: number;
  url: string;
  description: string | null;
  events: Json<string[]>;
  enabled: Generated<boolean>;
  secret_sealed: string;
  secret_hint: string;
  previous_secret_sealed: string | null;
  previous_expires_at: string | null;
  created_at: Ts;
  updated_at: Ts;
}

export interface WebhookDeliveriesTable {
  id: Id;
  account_id: number;
  endpoint_id: number;
  event_id: string;
  event_type: string;
  payload: string;
  status: Generated<WebhookDeliveryStatus>;
  attempts: Generated<number>;
  last_status_code: number | null;
  last_error: string | null;
  redelivery_of: number | null;
  created_at: Ts;
  updated_at: Ts;
  delivered_at: string | null;
}

export interface WebhookDeliveryAttemptsTable {
  id: Id;
  account_id: number;
  delivery_id: number;
  attempt: number;
  status_code: number | null;
  response_excerpt: string | null;
  error: string | null;
  duration_ms: number | null;
  signature_timestamp: number;
  started_at: string;
  finished_at: Ts;
}

export interface DB {
  email_smtp_settings: EmailSmtpSettingsTable;
  email_templates: EmailTemplatesTable;
  emails: EmailsTable;
  email_attempts: EmailAttemptsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_delivery_attempts: WebhookDeliveryAttemptsTable;
}

// SAF-T files generated in the background (migration 0008).
export interface SaftFilesTable {
  account_id: number;
  id: Id;
  period_from: string;
  period_to: string;
  status: Generated<'pending' | 'ready'>;
  fingerprint: string | null;
  download_token: string;
  file_name: string | null;
  bytes: Uint8Array | null;
  requested_at: Ts;
  generated_at: string | null;
}

export interface DB {
  saft_files: SaftFilesTable;
}

// Stored SAF-T files in chunks (migration 0039): the row's generation names its chunks; `bytes` is no longer written.
export interface SaftFilesTable {
  generation: ColumnType<number | null, number | null | undefined, number | null>;
  size: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface SaftFileChunksTable {
  account_id: number;
  file_id: number;
  generation: number;
  seq: number;
  bytes: Uint8Array;
}

export interface DB {
  saft_file_chunks: SaftFileChunksTable;
}

// Stored files, uploaded documents and vendor-format webhook endpoints (migration 0028).
export interface StoredFilesTable {
  id: string;
  account_id: number;
  file_name: string;
  mime_type: string;
  bytes: Uint8Array;
  sha256: string;
  created_at: Ts;
}

export interface UploadedDocumentsTable {
  id: Id;
  account_id: number;
  name: string;
  description: string | null;
  document_date: ColumnType<string | null, string | null | undefined, string | null>;
  tags: ColumnType<string[], string | undefined, string>;
  file_id: string | null;
  created_at: Ts;
}

export type WebhookFormat = 'native' | 'billit';

export interface WebhookEndpointsTable {
  format: Generated<WebhookFormat>;
  vendor_entity_type: ColumnType<string | null, string | null | undefined, string | null>;
  vendor_update_type: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface DB {
  stored_files: StoredFilesTable;
  uploaded_documents: UploadedDocumentsTable;
}

// Peppol delivery (migration 0025): the account's access point, each send of a document, the lookup cache.
export interface PeppolSettingsTable {
  account_id: number;
  kind: 'service-provider' | 'gateway';
  base_url: string | null;
  api_key_sealed: string | null;
  registration_id: string | null;
  url: string | null;
  token_sealed: string | null;
  smp_url: string | null;
  participant_id: string;
  status_token_hash: string | null;
  updated_at: Ts;
}

export type PeppolTransmissionStatus = 'queued' | 'sent' | 'delivered' | 'refused' | 'failed';

export interface PeppolTransmissionsTable {
  id: Id;
  account_id: number;
  document_id: number;
  transport: Generated<'peppol' | 'email'>;
  receiver: string | null;
  strict_transport: Generated<boolean>;
  status: Generated<PeppolTransmissionStatus>;
  instance_id: string;
  transmission_id: string | null;
  email_id: number | null;
  reason: string | null;
  attempts: Generated<number>;
  created_at: Ts;
  updated_at: Ts;
}

export interface PeppolParticipantsTable {
  participant: string;
  registered: boolean;
  document_types: ColumnType<{ documentTypeId: string; processId: string }[], string | undefined, string>;
  name: string | null;
  looked_up_at: Ts;
}

export interface EmailsTable {
  attach_einvoice: Generated<boolean>;
}

/** A participant id an account registered through its access point (migration 0032). */
export interface PeppolRegistrationsTable {
  account_id: number;
  participant: string;
  document_types: ColumnType<{ documentTypeId: string; processId: string }[], string, string>;
  registered_at: Ts;
}

export interface DB {
  peppol_settings: PeppolSettingsTable;
  peppol_transmissions: PeppolTransmissionsTable;
  peppol_participants: PeppolParticipantsTable;
  peppol_registrations: PeppolRegistrationsTable;
}

// The Billit dialect: bearer tokens, party delegation and the order bookkeeping (migration 0027).
export interface BillitTokensTable {
  id: Id;
  account_id: number;
  api_key_id: number;
  access_hash: string;
  refresh_hash: string | null;
  key_sealed: string;
  expires_at: string;
  refresh_expires_at: string | null;
  revoked_at: string | null;
  created_at: Ts;
}

export interface BillitPartyAccessTable {
  account_id: number;
  party_account_id: number;
  created_at: Ts;
}

export interface BillitOrdersTable {
  order_id: number;
  account_id: number;
  document_id: number | null;
  purchase_document_id: number | null;
  order_type: string;
  order_direction: 'Income' | 'Cost';
  /** The OrderNumber the client sent (the legal number is the document's doc_no). */
  order_number: string | null;
  paid: boolean | null;
  paid_date: string | null;
  is_sent: Generated<boolean>;
  approval_status: string | null;
  account_code: string | null;
  internal_info: string | null;
  invoiced: boolean | null;
  accountant_verification_needed: Generated<boolean>;
  order_pdf_file_id: string | null;
  attachment_file_ids: ColumnType<string[], string | undefined, string>;
  deleted_at: string | null;
  created_at: Ts;
  updated_at: Ts;
}

export interface DB {
  billit_tokens: BillitTokensTable;
  billit_party_access: BillitPartyAccessTable;
  billit_orders: BillitOrdersTable;
}

// Booking entries of Billit orders (migration 0029): bookkeeping beside the order, never part of the legal document.
export interface BillitBookingEntriesTable {
  account_id: number;
  order_id: number;
  position: number;
  gl_account: string | null;
  amount: string | null;
  vat_percentage: string | null;
  vat_amount: string | null;
  description: string | null;
  journal: string | null;
  extra: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Ts;
}

export interface DB {
  billit_booking_entries: BillitBookingEntriesTable;
}

// E-invoices received by an account (migration 0026): content immutable once stored, the decision written once.
export type PurchaseDocumentStatus = 'received' | 'accepted' | 'refused';
export type PurchaseResponseStatus = 'pending' | 'sent' | 'unsupported' | 'failed';
export interface PurchaseDocumentsTable {
  id: Id;
  account_id: number;
  source: 'peppol' | 'upload' | 'dialect';
  transmission_id: string | null;
  sender_id: string | null;
  receiver_id: string | null;
  syntax: 'ubl' | 'cii';
  type_code: string | null;
  supplier_name: string | null;
  supplier_vat_id: string | null;
  number: string | null;
  issue_date: string | null;
  due_date: string | null;
  currency: string | null;
  net_amount: string | null;
  tax_amount: string | null;
  gross_amount: string | null;
  payable_amount: string | null;
  xml: string;
  pdf: Uint8Array | null;
  pdf_filename: string | null;
  validation: Json<{ valid: boolean; fatal: number; messages: string[] }>;
  status: Generated<PurchaseDocumentStatus>;
  decision_reason: string | null;
  decided_at: string | null;
  response_status: PurchaseResponseStatus | null;
  response_error: string | null;
  received_at: Ts;
}

export interface DB {
  purchase_documents: PurchaseDocumentsTable;
}

// Bulk invoicing from a spreadsheet (migration 0033): the uploaded file and the documents (groups) it issues.
export interface ImportsTable {
  id: Id;
  account_id: number;
  sha256: string;
  file_name: string;
  status: ColumnType<'issuing' | 'done', 'issuing' | 'done' | undefined, 'issuing' | 'done'>;
  send_email: Generated<boolean>;
  row_count: number;
  errors: ColumnType<{ row: number; column: string; reason: string }[], string | undefined, string>;
  created_at: Ts;
  started_at: ColumnType<string | null, string | null | undefined, string | null>;
  finished_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ImportGroupsTable {
  id: Id;
  import_id: number;
  account_id: number;
  position: number;
  group_key: string;
  first_row: number;
  input: Json<unknown>;
  total: Num;
  document_id: number | null;
  error: string | null;
  issued_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface DB {
  imports: ImportsTable;
  import_groups: ImportGroupsTable;
}

// Console sessions (migration 0034): the token's sha256, never the token.
export interface ConsoleSessionsTable {
  id: Id;
  token_hash: string;
  account_id: number;
  user_id: number;
  api_key_id: number | null;
  created_at: Ts;
  last_seen_at: Ts;
  expires_at: string;
  revoked_at: string | null;
}

export interface DB {
  console_sessions: ConsoleSessionsTable;
}

// The document a webhook delivery's event is about (migration 0038), for the console's document page.
export interface WebhookDeliveriesTable {
  document_id: number | null;
}

// The console's uploads waiting for their "Issue" click (migration 0036): the token's sha256, never the token.
export interface ImportUploadsTable {
  id: Id;
  token_hash: string;
  account_id: number;
  session_id: number;
  file_name: string;
  bytes: Uint8Array;
  sha256: string;
  issue_valid: boolean;
  send_email: boolean;
  mapping: Json<Record<string, string>>;
  headers: Json<string[]>;
  preview: ColumnType<unknown, string | null, string | null>;
  import_id: number | null;
  created_at: Ts;
  expires_at: string;
}

export interface DB {
  import_uploads: ImportUploadsTable;
}
