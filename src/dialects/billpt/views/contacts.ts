import type { ContactInput } from '../../../app/contacts/contact-input.js';
import type { getContact } from '../../../app/contacts/get-contact.js';
import { flag, jsonNumber, numericIfInteger } from '../format.js';
import type { Input } from '../input.js';

type Contact = Awaited<ReturnType<typeof getContact>>;

/** A contact as bill.pt lists it. Alerts are not kept by the core (off, 0 days); `visivel` is `archived` inverted. */
export function contactJson(c: Contact, used: boolean, opts: { numeric?: boolean } = {}) {
  const n = opts.numeric === false ? (s: string | null) => s ?? '' : numericIfInteger;
  return {
    id: c.id,
    metodo_expedicao_id: c.default_shipping_method_id,
    metodo_pagamento_id: c.default_payment_method_id,
    codigo: n(c.code),
    nome: c.name,
    email: c.email ?? '',
    morada: c.street ?? '',
    codigo_postal: c.postal_code ?? '',
    cidade: c.city ?? '',
    pais: c.country,
    nif: n(c.tax_id),
    site: c.website ?? '',
    pessoa_contacto: c.contact_person ?? '',
    telefone_contacto: c.phone ?? '',
    observacoes: c.observations ?? '',
    prazo_vencimento: c.payment_terms_days,
    retencao: flag(c.withholding),
    usado: flag(used),
    activar_alerta: 0,
    visivel: flag(!c.archived),
    alerta_dias_antes: 0,
    alerta_dias_depois: 0,
    desconto_padrao: jsonNumber(c.default_discount),
    lingua_padrao_documentos: c.language ?? 'pt',
  };
}

/** One contact, with its types (`tipo`) and origin documents (`originario`, none here). */
export function contactDetailJson(
  c: Contact,
  used: boolean,
  types: { id: number; name: string; archived?: boolean }[],
) {
  return {
    ...contactJson(c, used),
    originario: [],
    tipo: c.type_ids
      .map((id) => types.find((t) => t.id === Number(id)))
      .filter((t): t is { id: number; name: string; archived?: boolean } => !!t)
      .map((t) => ({
        id: t.id,
        nome: t.name,
        visivel: flag(!t.archived),
        pivot: { contato_id: c.id, tipo_id: t.id },
      })),
  };
}

/** bill.pt contact fields → the core's (`visivel` is `archived` inverted). Alert settings and stores are accepted and not kept. */
export function contactInput(i: Input): ContactInput {
  i.bool('activar_alerta');
  const visible = i.bool('visivel');
  for (const f of ['alerta_dias_antes', 'alerta_dias_depois']) i.int(f);
  i.ids('lojas');
  const out: ContactInput = {
    name: i.text('nome') as string | undefined,
    country: i.text('pais', 'country'),
    code: i.text('codigo', 'código'),
    taxId: i.text('nif'),
    email: i.text('email'),
    street: i.text('morada'),
    postalCode: i.text('codigo_postal'),
    city: i.text('cidade'),
    website: i.text('site'),
    contactPerson: i.text('pessoa_contacto', 'pessoa_contato'),
    phone: i.text('telefone_contacto', 'telefone_contato', 'telefone'),
    observations: i.text('observacoes'),
    paymentTermsDays: i.int('prazo_vencimento'),
    withholding: i.bool('retencao'),
    defaultDiscount: i.decimal('desconto_padrao'),
    defaultPaymentMethodId: i.id('metodo_pagamento_id'),
    defaultShippingMethodId: i.id('metodo_expedicao_id'),
    language: i.text('lingua_padrao_documentos', 'lingua') as ContactInput['language'],
    typeIds: i.ids('tipos'),
    archived: visible === undefined ? undefined : !visible,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as ContactInput;
}
