import type { DocumentInput, LineInput } from '../../app/documents/document-input.js';
import type { DocumentView } from '../../app/documents/get-document.js';
import type { DomainError } from '../../domain/errors.js';

/** One line of the form, as typed (strings, kept as they are when the form comes back with errors). */
export interface FormLine {
  itemId: string;
  description: string;
  quantity: string;
  unitPrice: string;
  discount: string;
  taxId: string;
  exemptionCode: string;
}

export const NEW_CUSTOMER_FIELDS = ['name', 'taxId', 'street', 'postalCode', 'city', 'email'] as const;
export type NewCustomer = Record<(typeof NEW_CUSTOMER_FIELDS)[number], string>;

/** The new-document form as typed. Field names are the input names: `lines[1].quantity`, `newCustomer.taxId`… */
export interface FormValues {
  type: string;
  seriesId: string;
  date: string;
  dueDate: string;
  contactId: string;
  customerSearch: string;
  newCustomer: NewCustomer;
  notes: string;
  lines: FormLine[];
}

export const emptyLine = (): FormLine => ({
  itemId: '',
  description: '',
  quantity: '1',
  unitPrice: '',
  discount: '',
  taxId: '',
  exemptionCode: '',
});

export function emptyForm(type: string): FormValues {
  return {
    type,
    seriesId: '',
    date: '',
    dueDate: '',
    contactId: '',
    customerSearch: '',
    newCustomer: { name: '', taxId: '', street: '', postalCode: '', city: '', email: '' },
    notes: '',
    lines: [emptyLine()],
  };
}

type Body = Record<string, unknown>;
const text = (v: unknown): string => (Array.isArray(v) ? text(v[0]) : typeof v === 'string' ? v.trim() : '');
const LINE_FIELD = /^lines\[(\d{1,3})\]\.(\w+)$/;
const MAX_LINES = 200;

/** Reads the urlencoded form (`lines[i].field` names, any order, gaps closed up) and the button pressed. */
export function readForm(body: Body): { values: FormValues; action: string } {
  const v = emptyForm(text(body.type) || 'FT');
  for (const k of ['seriesId', 'date', 'dueDate', 'contactId', 'customerSearch', 'notes'] as const)
    v[k] = text(body[k]);
  for (const k of NEW_CUSTOMER_FIELDS) v.newCustomer[k] = text(body[`newCustomer.${k}`]);
  const lines = new Map<number, FormLine>();
  for (const [name, value] of Object.entries(body)) {
    const m = LINE_FIELD.exec(name);
    if (!m || !(m[2] in emptyLine())) continue;
    const i = Number(m[1]);
    if (i >= MAX_LINES) continue;
    const line = lines.get(i) ?? { ...emptyLine(), quantity: '' };
    line[m[2] as keyof FormLine] = text(value);
    lines.set(i, line);
  }
  v.lines = [...lines.entries()].sort(([a], [b]) => a - b).map(([, l]) => l);
  if (!v.lines.length) v.lines = [emptyLine()];
  return { values: v, action: text(body.action) || 'save' };
}

const isBlank = (l: FormLine) => !l.itemId && !l.description && !l.unitPrice;
const int = (s: string) => (/^\d{1,15}$/.test(s) ? Number(s) : undefined);

/**
 * The create/update request of a form: blank lines are left out (`lineOf[k]` is the form line of request line k),
 * an existing customer by id, else the new one typed (found by tax id or created by the create itself).
 */
export function formInput(v: FormValues, finalize = false): { input: DocumentInput; lineOf: number[] } {
  const lineOf: number[] = [];
  const lines: LineInput[] = [];
  v.lines.forEach((l, i) => {
    if (isBlank(l) && v.lines.length > 1) return;
    lineOf.push(i);
    lines.push({
      ...(int(l.itemId) ? { itemId: int(l.itemId) } : {}),
      description: l.description || null,
      quantity: l.quantity,
      unitPrice: l.unitPrice || null,
      ...(l.discount ? { discounts: [l.discount] } : {}),
      ...(int(l.taxId) ? { taxId: int(l.taxId) } : {}),
      ...(l.exemptionCode ? { exemptionCode: l.exemptionCode } : {}),
    });
  });
  const c = v.newCustomer;
  const customer = c.name
    ? (Object.fromEntries(Object.entries(c).filter(([, x]) => x !== '')) as DocumentInput['customer'])
    : undefined;
  const input: DocumentInput = {
    type: v.type,
    ...(int(v.seriesId) ? { seriesId: int(v.seriesId) } : {}),
    ...(v.date ? { date: v.date } : {}),
    ...(v.dueDate ? { dueDate: v.dueDate } : {}),
    ...(customer ? { customer } : int(v.contactId) ? { contactId: int(v.contactId) } : {}),
    observations: v.notes || null,
    lines,
    ...(finalize ? { finalize: true } : {}),
  };
  return { input, lineOf };
}

const LINE_INPUT_FIELD: Record<string, keyof FormLine> = {
  quantity: 'quantity',
  unitPrice: 'unitPrice',
  description: 'description',
  code: 'description',
  itemId: 'description',
  item: 'description',
  discounts: 'discount',
  taxId: 'taxId',
  taxName: 'taxId',
  taxRate: 'taxId',
  exemptionCode: 'exemptionCode',
  exemptionReason: 'exemptionCode',
};
const TOP_FIELD: Record<string, string> = {
  type: 'type',
  seriesId: 'seriesId',
  date: 'date',
  dueDate: 'dueDate',
  contactId: 'customerSearch',
  observations: 'notes',
  lines: 'lines',
};

/** The form field a request field's issue belongs beside (`lines[2].discounts[0]` → `lines[3].discount`). */
export function formField(field: string, lineOf: number[]): string {
  const line = /^lines\[(\d+)\](?:\.(\w+))?/.exec(field);
  if (line) {
    const i = lineOf[Number(line[1])] ?? Number(line[1]);
    const f = line[2] && LINE_INPUT_FIELD[line[2]];
    return f ? `lines[${i}].${f}` : `lines[${i}]`;
  }
  const customer = /^customer\.(\w+)/.exec(field);
  if (customer) {
    const f = customer[1] as keyof NewCustomer;
    return (NEW_CUSTOMER_FIELDS as readonly string[]).includes(f) ? `newCustomer.${f}` : 'newCustomer.name';
  }
  if (field === 'customer') return 'newCustomer.name';
  return TOP_FIELD[field.split(/[.[]/)[0]] ?? '_form';
}

/** A refusal's issues by form field (the first one of each field), `_form` for what belongs to no field. */
export function fieldErrors(err: DomainError, lineOf: number[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of err.details) {
    const f = formField(d.field, lineOf);
    out[f] ??= d.message;
  }
  if (!err.details.length) out._form = err.message;
  return out;
}

/** A draft as the form shows it, to edit it. */
export function draftForm(v: DocumentView): FormValues {
  const d = v.doc;
  return {
    ...emptyForm(d.doc_type),
    seriesId: String(d.series_id),
    date: d.doc_date,
    dueDate: d.due_date ?? '',
    contactId: d.contact_id === null ? '' : String(d.contact_id),
    customerSearch: d.customer.name ?? '',
    notes: d.observations ?? '',
    lines: v.lines.map((l) => ({
      itemId: l.item_id === null ? '' : String(l.item_id),
      description: l.description,
      quantity: trim(l.quantity),
      unitPrice: trim(l.unit_price),
      discount: Number(l.discount1) ? trim(l.discount1) : '',
      taxId: String(l.tax_id),
      exemptionCode: l.exemption_code ?? '',
    })),
  };
}

const trim = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
