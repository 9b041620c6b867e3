import { RENDERER_VERSION, type PdfModel } from './model.js';

/**
 * A small but complete document, rendered once by each render thread when it starts: fonts parsed, the common
 * glyphs shaped, QR and deflate code compiled. Its bytes are thrown away.
 */
export const WARM_UP_MODEL: PdfModel = {
  version: RENDERER_VERSION,
  lang: 'pt',
  title: 'Fatura',
  number: 'FT A2026/1',
  createdAt: '2026-01-02T10:00:00',
  modifiedAt: '2026-01-02T10:00:00',
  author: 'Faturador',
  cancelled: null,
  logo: null,
  seller: { name: 'Empresa Exemplo, Lda', lines: ['Rua do Ouro, 1', '1100-060 Lisboa', 'NIF 503340855'] },
  customer: { title: 'Cliente', name: 'Cliente Exemplo, Lda', lines: ['Avenida da República, 45', 'NIF 123456789'] },
  dates: [
    { label: 'Data', value: '02-01-2026' },
    { label: 'Vencimento', value: '01-02-2026' },
  ],
  references: [],
  transport: null,
  table: 'lines',
  columns: { amount: 'Valor' },
  lines: [
    {
      code: 'CONS-01',
      description: 'Consultoria técnica — análise de requisitos',
      quantity: '12',
      unit: 'H',
      unitPrice: '65,00 €',
      discount: '10%',
      vat: '23%',
      exemptionCode: null,
      amount: '702,00 €',
      value: '702.00',
    },
    {
      code: 'EXP-01',
      description: 'Exportação de equipamento',
      quantity: '2',
      unit: 'UN',
      unitPrice: '150,00 €',
      discount: '',
      vat: '0%',
      exemptionCode: 'M05',
      amount: '300,00 €',
      value: '300.00',
    },
  ],
  settled: [],
  taxSummary: [
    { rate: '23%', base: '702,00 €', tax: '161,46 €', exemption: '' },
    { rate: '0%', base: '300,00 €', tax: '0,00 €', exemption: 'M05' },
  ],
  exemptions: [{ code: 'M05', text: 'Isento artigo 14.º do CIVA' }],
  totals: [
    { label: 'Total ilíquido', value: '1 002,00 €' },
    { label: 'Total', value: '1 163,46 €', strong: true },
  ],
  payment: [],
  observations: 'Pagamento por transferência bancária.',
  atcudLine: 'ATCUD:ABCD1234-1',
  qrPayload:
    'A:503340855*B:123456789*C:PT*D:FT*E:N*F:20260102*G:FT A2026/1*H:ABCD1234-1*I1:PT*I2:300.00*I7:702.00*I8:161.46*N:161.46*O:1163.46*Q:abcd*R:0000',
  certification: 'abcd-Processado por programa certificado n.º 0000/AT',
  headerNotices: [],
  footerNotices: [],
  watermark: null,
};
