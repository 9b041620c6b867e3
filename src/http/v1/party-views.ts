import type { getContact } from '../../app/contacts/get-contact.js';
import type { getItem } from '../../app/items/get-item.js';

/** A contact and an item as the app's use cases return them. */
type Contact = Awaited<ReturnType<typeof getContact>>;
type Item = Awaited<ReturnType<typeof getItem>>;

export function contactJson(c: Contact) {
  return {
    id: c.id,
    code: c.code,
    kind: c.kind,
    name: c.name,
    taxId: c.tax_id,
    email: c.email,
    street: c.street,
    postalCode: c.postal_code,
    city: c.city,
    country: c.country,
    phone: c.phone,
    website: c.website,
    contactPerson: c.contact_person,
    paymentTermsDays: c.payment_terms_days,
    defaultDiscount: c.default_discount,
    withholding: c.withholding,
    language: c.language,
    typeIds: c.type_ids,
    defaultPaymentMethodId: c.default_payment_method_id,
    defaultShippingMethodId: c.default_shipping_method_id,
    observations: c.observations,
    isFinalConsumer: c.is_final_consumer,
    archived: c.archived,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
  };
}

export function itemJson(i: Item) {
  return {
    id: i.id,
    code: i.code,
    barcode: i.barcode,
    description: i.description,
    longDescription: i.long_description,
    productType: i.product_type,
    unitId: i.unit_id,
    taxId: i.tax_id,
    purchaseTaxId: i.purchase_tax_id,
    costPrice: i.cost_price,
    price: i.price,
    priceWithVat: i.price_with_vat,
    movesStock: i.moves_stock,
    categoryIds: i.category_ids,
    archived: i.archived,
    createdAt: i.created_at,
    updatedAt: i.updated_at,
  };
}
