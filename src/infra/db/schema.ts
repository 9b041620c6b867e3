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

export interface UnitsTable { id: Id; account_id: number; name: string; symbol: string; is_default: Generated<boolean> }
export interface PaymentMethodsTable { id: Id; account_id: number; name: string; saft_code: string; is_default: Generated<boolean> }
export interface ShippingMethodsTable { id: Id; account_id: number; name: string; is_default: Generated<boolean> }
export interface VehiclesTable { id: Id; account_id: number; plate: string; description: Generated<string> }
export interface DocumentStatesTable { id: Id; account_id: number; name: string; color: string | null }
export interface ContactTypesTable { id: Id; account_id: number; name: string }
export interface ItemCategoriesTable { id: Id; account_id: number; name: string }

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
}

export interface SettlementsTable { id: Id; account_id: number; receipt_id: number; document_id: number; amount: Num }

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
