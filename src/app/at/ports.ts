/**
 * What the AT use cases need from the outside world, as interfaces: the SOAP clients (src/integrations/at)
 * implement `AtGateway`, and the credential sealing implements `SecretBox`. Request shapes mirror the
 * WSDL sequences (portugal.md §3.2, §8.3, §8.4); the clients serialize them in that order.
 */
export type AtEnvironment = 'test' | 'production';
export type AtService = 'series' | 'transport' | 'invoices';

export interface AtCredentials {
  environment: AtEnvironment;
  /** `NIF/subuser`. */
  username: string;
  password: string;
}

/**
 * success: AT accepted (or already had it). retryable: AT down, timed out, or answered with a transient
 * error; the outbox tries again later. permanent: AT refused; trying again unchanged will not help.
 */
export type AtOutcome = 'success' | 'retryable' | 'permanent';

export interface AtCallResult<T = undefined> {
  outcome: AtOutcome;
  /** AT's code (ReturnCode, codResultOper, CodigoResposta), `fault:<faultcode>`, `http:<status>`, `timeout`, `network` or `not_configured`. */
  code: string | null;
  message: string;
  httpStatus: number | null;
  /** The business part of what was sent (the SOAP body), never the security header. */
  request: unknown;
  /** The parsed answer, for the log. */
  response: unknown;
  durationMs: number;
  data?: T;
}

// SeriesWS (http://at.gov.pt/)
export interface RegisterSeriesRequest {
  serie: string;
  tipoSerie: 'N' | 'F' | 'R';
  classeDoc: 'SI' | 'MG' | 'WD' | 'PY';
  tipoDoc: string;
  numInicialSeq: number;
  dataInicioPrevUtiliz: string;
  numCertSWFatur: number;
  meioProcessamento: 'PI' | 'PF' | 'OM';
}
export interface FinalizeSeriesRequest {
  serie: string;
  classeDoc: string;
  tipoDoc: string;
  codValidacaoSerie: string;
  seqUltimoDocEmitido: number;
  justificacao?: string;
}
export interface AnnulSeriesRequest {
  serie: string;
  classeDoc: string;
  tipoDoc: string;
  codValidacaoSerie: string;
  motivo: 'ER';
  declaracaoNaoEmissao: true;
}
export interface ListSeriesFilter {
  serie?: string;
  tipoSerie?: string;
  classeDoc?: string;
  tipoDoc?: string;
  codValidacaoSerie?: string;
  dataRegistoDe?: string;
  dataRegistoAte?: string;
  estado?: 'A' | 'N' | 'F';
  meioProcessamento?: string;
}
export interface SeriesInfo {
  serie: string;
  tipoSerie?: string;
  classeDoc?: string;
  tipoDoc?: string;
  numInicialSeq?: string;
  numFinalSeq?: string;
  codValidacaoSerie?: string;
  estado?: string;
  dataRegisto?: string;
  seqUltimoDocEmitido?: string;
}

// sgdtws documentosTransporte
export interface AtAddressPT {
  /** Spelled `Addressdetail` in the WSDL. */
  addressDetail?: string;
  city?: string;
  postalCode?: string;
  country?: 'PT';
}
export interface TransportLine {
  orderReferences?: string[];
  productDescription: string;
  quantity: string;
  unitOfMeasure: string;
  unitPrice: string;
}
export interface TransportDocumentRequest {
  taxRegistrationNumber: string;
  companyName: string;
  companyAddress: AtAddressPT;
  documentNumber: string;
  atcud?: string;
  atDocCodeId?: string;
  movementStatus: 'N' | 'T' | 'A';
  movementDate: string;
  movementType: 'GR' | 'GT' | 'GA' | 'GC' | 'GD';
  customerTaxId?: string;
  supplierTaxId?: string;
  customerAddress?: AtAddressPT;
  customerName?: string;
  addressTo?: AtAddressPT;
  addressFrom: AtAddressPT;
  movementEndTime?: string;
  movementStartTime: string;
  vehicleId?: string;
  lines: TransportLine[];
}
export interface TransportReceipt {
  atDocCodeId?: string;
  documentNumber?: string;
  atcud?: string;
}

// fatcorews (http://factemi.at.min_financas.pt/documents)
export interface InvoiceHeader {
  invoiceNo: string;
  atcud: string;
  invoiceDate: string;
  invoiceType: 'FT' | 'FS' | 'FR' | 'NC' | 'ND';
  selfBillingIndicator: 0 | 1;
  customerTaxId: string;
  customerTaxIdCountry: string;
}
export interface InvoiceLineSummary {
  orderReferences?: { originatingOn?: string; orderDate?: string }[];
  taxPointDate: string;
  references?: string[];
  debitCreditIndicator: 'D' | 'C';
  amount: string;
  tax: { taxType: string; taxCountryRegion: string; taxCode: string; taxPercentage: string };
  taxExemptionCode?: string;
}
export interface RegisterInvoiceRequest {
  eFaturaMDVersion: '0.0.1';
  auditFileVersion: string;
  taxRegistrationNumber: string;
  taxEntity: string;
  softwareCertificateNumber: number;
  invoice: InvoiceHeader & {
    status: { invoiceStatus: 'N' | 'A' | 'F' | 'S'; invoiceStatusDate: string };
    hashCharacters: string;
    cashVatSchemeIndicator: 0 | 1;
    paperLessIndicator: 0 | 1;
    eacCode?: string;
    systemEntryDate: string;
    lineSummary: InvoiceLineSummary[];
    totals: { taxPayable: string; netTotal: string; grossTotal: string };
    withholdingTax?: { withholdingTaxType?: string; withholdingTaxAmount: string }[];
  };
}
export interface ChangeInvoiceStatusRequest {
  eFaturaMDVersion: '0.0.1';
  taxRegistrationNumber: string;
  header: InvoiceHeader;
  status: { invoiceStatus: 'N' | 'A' | 'F'; invoiceStatusDate: string };
}

export interface AtGateway {
  registerSeries(c: AtCredentials, req: RegisterSeriesRequest): Promise<AtCallResult<SeriesInfo>>;
  finalizeSeries(c: AtCredentials, req: FinalizeSeriesRequest): Promise<AtCallResult<SeriesInfo>>;
  annulSeries(c: AtCredentials, req: AnnulSeriesRequest): Promise<AtCallResult<SeriesInfo>>;
  listSeries(c: AtCredentials, filter: ListSeriesFilter): Promise<AtCallResult<SeriesInfo[]>>;
  sendTransportDocument(c: AtCredentials, req: TransportDocumentRequest): Promise<AtCallResult<TransportReceipt>>;
  registerInvoice(c: AtCredentials, req: RegisterInvoiceRequest): Promise<AtCallResult>;
  changeInvoiceStatus(c: AtCredentials, req: ChangeInvoiceStatusRequest): Promise<AtCallResult>;
  /** Why this installation cannot call AT in that environment (no AT public key, no client certificate), or null. */
  notReadyReason(env: AtEnvironment, service?: AtService): string | null;
  endpoint(env: AtEnvironment, service: AtService): string;
}

/** Seals secrets at rest. `context` binds a sealed value to where it belongs (e.g. the account). */
export interface SecretBox {
  seal(plain: string, context: string): string;
  open(sealed: string, context: string): string;
  /** Why secrets cannot be sealed here (no key configured), or null. */
  unavailableReason(): string | null;
}

export interface AtDeps {
  gateway: AtGateway;
  secrets: SecretBox;
}
