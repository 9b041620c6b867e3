import type { listTaxes } from '../../../app/taxes/list-taxes.js';
import { flag, jsonNumber, lisbonStamp } from '../format.js';

type Tax = Awaited<ReturnType<typeof listTaxes>>[number];

/**
 * Reference data as bill.pt shows it. `visivel` is the core's `archived` flag inverted. Flags the core does not
 * keep read as their neutral value: states and vehicles have no default; catalog rows have no timestamps (null).
 */
const visible = (r: { archived?: boolean }) => flag(!r.archived);

export const contactTypeJson = (accountId: number, r: { id: number; name: string; archived?: boolean }) => ({
  id: r.id,
  empresa_id: accountId,
  nome: r.name,
  visivel: visible(r),
  created_at: null,
  updated_at: null,
});
export const contactTypeCreatedJson = (accountId: number, r: { id: number; name: string; archived?: boolean }) => ({
  nome: r.name,
  updated_at: null,
  created_at: null,
  id: r.id,
  empresa_id: accountId,
});

export const stateJson = (accountId: number, r: { id: number; name: string; archived?: boolean }, used: boolean) => ({
  id: r.id,
  empresa_id: accountId,
  nome: r.name,
  usado: flag(used),
  principal: 0,
  visivel: visible(r),
  created_at: null,
  updated_at: null,
});

export const paymentMethodJson = (r: {
  id: number;
  name: string;
  saft_code: string;
  is_default: boolean;
  archived?: boolean;
}) => ({
  id: r.id,
  nome: r.name,
  simbolo: r.saft_code,
  principal: flag(r.is_default),
});

export const shippingMethodJson = (
  r: { id: number; name: string; is_default: boolean; archived?: boolean },
  used: boolean,
) => ({
  id: r.id,
  nome: r.name,
  usado: flag(used),
  visivel: visible(r),
  principal: flag(r.is_default),
});

export const unitJson = (
  r: { id: number; name: string; symbol: string; is_default: boolean; archived?: boolean },
  used: boolean,
) => ({
  id: r.id,
  nome: r.name,
  simbolo: r.symbol,
  usado: flag(used),
  visivel: visible(r),
  principal: flag(r.is_default),
});

/** A unit nested in an item of a pending movement (with the account and timestamps). */
export const unitLongJson = (
  accountId: number,
  r: { id: number; name: string; symbol: string; is_default: boolean; archived?: boolean },
  used: boolean,
) => ({
  id: r.id,
  empresa_id: accountId,
  nome: r.name,
  simbolo: r.symbol,
  usado: flag(used),
  visivel: visible(r),
  principal: flag(r.is_default),
  created_at: null,
  updated_at: null,
});

export const vehicleJson = (r: { id: number; plate: string; description: string; archived?: boolean }) => ({
  id: r.id,
  nome: r.description || r.plate,
  matricula: r.plate,
  usado: 0,
  visivel: visible(r),
  principal: 0,
});

export const categoryJson = (accountId: number, r: { id: number; name: string; archived?: boolean }) => ({
  id: r.id,
  empresa_id: accountId,
  nome: r.name,
  visivel: visible(r),
  created_at: null,
  updated_at: null,
});

export const taxJson = (r: Tax, used: boolean) => ({
  id: r.id,
  nome: r.name,
  valor: jsonNumber(r.rate),
  usado: flag(used),
  visivel: flag(r.valid_to === null),
  principal: flag(r.is_default),
});

export const taxLongJson = (accountId: number, r: Tax, used: boolean) => ({
  id: r.id,
  empresa_id: accountId,
  nome: r.name,
  valor: jsonNumber(r.rate),
  usado: flag(used),
  visivel: flag(r.valid_to === null),
  principal: flag(r.is_default),
  created_at: lisbonStamp(r.created_at),
  updated_at: null,
});

export interface SeriesLike {
  id: number;
  code: string;
  vat_included: boolean;
  status: string;
  is_default: boolean;
  docTypes?: { last_number: number }[];
}

export const seriesJson = (s: SeriesLike, used: boolean) => ({
  id: s.id,
  nome: s.code,
  iva_incluido: flag(s.vat_included),
  usado: flag(used),
  visivel: flag(s.status === 'active'),
  principal: flag(s.is_default),
});

export interface StoreLike {
  id: number;
  name: string;
  is_default: boolean;
  allow_negative_stock: boolean;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  default_series_id: number | null;
}

export const storeJson = (s: StoreLike, used: boolean) => ({
  id: s.id,
  nome: s.name,
  principal: flag(s.is_default),
  usado: flag(used),
  visivel: 1,
  activo: 1,
  stock_negativo: flag(s.allow_negative_stock),
  morada: s.street ?? '',
  codigo_postal: s.postal_code ?? '',
  cidade: s.city ?? '',
  serie_id: s.default_series_id,
});

/** bill.pt's exemption ids are the number of the code: 1 is M01, 7 is M07. */
export const exemptionId = (code: string): number => Number(code.replace(/^M/, ''));
export const exemptionCodeOf = (id: number): string => `M${String(id).padStart(2, '0')}`;
export const exemptionJson = (r: { code: string; text: string }) => ({
  id: exemptionId(r.code),
  codigo: r.code,
  motivo: r.text,
});
