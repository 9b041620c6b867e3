import { CONVERTIBLE_FROM, DOC_TYPE_INFO, type DocType } from '../../domain/documents/types.js';

/**
 * bill.pt's document types (seed 001, `tipos-documento`) and the core type each one is issued as. Purchases
 * (V…), supplier receipts and stock entries/exits are documents the core does not issue: `core: null`.
 * bill.pt's "RC Recibo" is an ordinary receipt, which SAF-T calls RG (RC is the cash-VAT receipt).
 */
export interface BillptDocType {
  id: number;
  tipificacao: string;
  nome: string;
  categoria: string;
  core: DocType | null;
}

const t = (id: number, tipificacao: string, nome: string, categoria: string, core: DocType | null): BillptDocType => ({
  id,
  tipificacao,
  nome,
  categoria,
  core,
});

export const BILLPT_DOC_TYPES: readonly BillptDocType[] = [
  t(1, 'FT', 'Fatura', 'faturas', 'FT'),
  t(2, 'FS', 'Fatura Simplificada', 'faturas', 'FS'),
  t(3, 'FR', 'Fatura Recibo', 'faturas', 'FR'),
  t(4, 'ND', 'Nota de Débito', 'faturas', 'ND'),
  t(5, 'NC', 'Nota de Crédito', 'faturas', 'NC'),
  t(6, 'GT', 'Guia De Transporte', 'guias', 'GT'),
  t(7, 'GR', 'Guia De Remessa', 'guias', 'GR'),
  t(8, 'GC', 'Guia de Consignação', 'guias', 'GC'),
  t(9, 'GA', 'Guia de Movimentação de Ativos', 'guias', 'GA'),
  t(10, 'GD', 'Guia / Nota de Devolução', 'guias', 'GD'),
  t(11, 'NENC', 'Nota de Encomenda', 'encomendas', 'NE'),
  t(12, 'ORC', 'Orçamento', 'orcamentos', 'OR'),
  t(13, 'FPF', 'Fatura Pro-Forma', 'orcamentos', 'PF'),
  t(14, 'VFT', 'V/Fatura', 'compras', null),
  t(15, 'VFR', 'V/Fatura Recibo', 'compras', null),
  t(16, 'VFS', 'V/Fatura Simplificada', 'compras', null),
  t(17, 'VND', 'V/Nota de Débito', 'compras', null),
  t(18, 'VNC', 'V/Nota de Crédito', 'compras', null),
  t(19, 'VGR', 'V/Guia de Remessa', 'compras', null),
  t(20, 'VGT', 'V/Guia de Transporte', 'compras', null),
  t(21, 'VNENC', 'V/Nota de Encomenda', 'compras', null),
  t(22, 'VORC', 'V/Orçamento', 'compras', null),
  t(23, 'VFPF', 'V/Fatura Pro-Forma', 'compras', null),
  t(24, 'ESTK', 'Entrada de Stock', 'stock', null),
  t(25, 'SSTK', 'Saida de Stock', 'stock', null),
  t(26, 'SINIV', 'Saldo Cliente', 'faturas', 'SIC'),
  t(27, 'SINIC', 'Saldo Fornecedor', 'faturas', 'SIF'),
  t(28, 'RC', 'Recibo', 'faturas', 'RG'),
  t(29, 'RFC', 'Recibo Fornecedor', 'compras', null),
];

/** Core type → bill.pt type (RC, the cash-VAT receipt, shows as bill.pt's receipt too); FO has no bill.pt type. */
const BY_CORE = new Map<string, BillptDocType>([
  ...BILLPT_DOC_TYPES.filter((d) => d.core).map((d) => [d.core!, d] as const),
  ['RC', BILLPT_DOC_TYPES[27]],
]);

export function billptTypeOf(core: string): BillptDocType | undefined {
  return BY_CORE.get(core);
}

export function billptTypeById(id: number): BillptDocType | undefined {
  return BILLPT_DOC_TYPES.find((d) => d.id === id);
}

export function billptTypeByCode(tipificacao: string): BillptDocType | undefined {
  const code = tipificacao.trim().toUpperCase();
  return BILLPT_DOC_TYPES.find((d) => d.tipificacao === code) ?? BILLPT_DOC_TYPES.find((d) => d.core === code);
}

export const docTypeJson = (d: BillptDocType) => ({
  id: d.id,
  tipificacao: d.tipificacao,
  nome: d.nome,
  categoria: d.categoria,
});

/** The long form that accompanies a created opening balance (seed 001, saldo-inicial). */
export function docTypeDetailJson(d: BillptDocType) {
  const info = d.core ? DOC_TYPE_INFO[d.core] : undefined;
  const incoming = d.core === 'SIF' || d.core === 'NC' || (info?.stockSign ?? 0) > 0;
  return {
    ...docTypeJson(d),
    movimento: incoming ? 'entrada' : 'saida',
    movimento_contabilistico: incoming ? 'debito' : 'credito',
    certificado: info?.signed ? 1 : 0,
    movimenta_stock: info && info.stockSign !== 0 ? 1 : 0,
    gera_pendentes: d.core && CONVERTIBLE_FROM[d.core] ? 1 : 0,
    regulariza_pendentes: info?.rectifies || info?.family === 'payment' ? 1 : 0,
    gera_divida: info?.receivable ? 1 : 0,
    auto_liquidacao: 0,
    menu_destacado: d.id <= 3 || d.id === 26 ? 1 : 0,
  };
}
