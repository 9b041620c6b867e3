import type { AtAddressPT, TransportDocumentRequest, TransportReceipt } from '../../app/at/ports.js';
import { child, text, type BodyElement, type XmlNode } from './soap-envelope.js';

/**
 * sgdtws documentosTransporte (specs/pt/wsdl/documentosTransporte.wsdl; portugal.md §8.4): operation
 * envioDocumentoTransporte, request element envioDocumentoTransporteRequestElem of type StockMovement, children
 * unqualified and in xs:sequence order.
 */
export const TRANSPORT_NS = 'https://servicos.portaldasfinancas.gov.pt/sgdtws/documentosTransporte/';
export const TRANSPORT_SOAP_ACTION = 'https://servicos.portaldasfinancas.gov.pt/sgdtws/documentosTransporte/';

function address(a: AtAddressPT | undefined): XmlNode | undefined {
  if (!a) return undefined;
  // NOTE: `Addressdetail` with a lower-case d, exactly as AddressStructurePT spells it in the WSDL.
  return { Addressdetail: a.addressDetail, City: a.city, PostalCode: a.postalCode, Country: a.country };
}

export function transportDocumentBody(r: TransportDocumentRequest): BodyElement {
  return {
    name: 'envioDocumentoTransporteRequestElem',
    namespace: TRANSPORT_NS,
    prefix: 'dt',
    qualified: false,
    content: {
      TaxRegistrationNumber: r.taxRegistrationNumber,
      CompanyName: r.companyName,
      CompanyAddress: address(r.companyAddress),
      DocumentNumber: r.documentNumber,
      ATCUD: r.atcud,
      ATDocCodeID: r.atDocCodeId,
      MovementStatus: r.movementStatus,
      MovementDate: r.movementDate,
      MovementType: r.movementType,
      // xs:choice: one or the other.
      ...(r.customerTaxId ? { CustomerTaxID: r.customerTaxId } : { SupplierTaxID: r.supplierTaxId }),
      CustomerAddress: address(r.customerAddress),
      CustomerName: r.customerName,
      AddressTo: address(r.addressTo),
      AddressFrom: address(r.addressFrom),
      MovementEndTime: r.movementEndTime,
      MovementStartTime: r.movementStartTime,
      VehicleID: r.vehicleId,
      Line: r.lines.map((l) => ({
        OrderReferences: l.orderReferences?.map((o) => ({ OriginatingON: o })),
        ProductDescription: l.productDescription,
        Quantity: l.quantity,
        UnitOfMeasure: l.unitOfMeasure,
        UnitPrice: l.unitPrice,
      })),
    },
  };
}

export interface TransportAnswer {
  statuses: { code: number; message: string }[];
  receipt: TransportReceipt;
}

/** Reads envioDocumentoTransporteResponseElem{ResponseStatus+{ReturnCode, ReturnMessage?}, DocumentNumber?, ATCUD?, ATDocCodeID?}. */
export function readTransportAnswer(body: Record<string, unknown>): TransportAnswer | null {
  const resp = child(body, 'envioDocumentoTransporteResponseElem');
  if (!resp) return null;
  const list = Array.isArray(resp.ResponseStatus) ? resp.ResponseStatus : [];
  const statuses = list
    .map((s) => ({ raw: text(s, 'ReturnCode') ?? '', message: text(s, 'ReturnMessage') ?? '' }))
    .filter((s) => /^-?\d+$/.test(s.raw.trim()))
    .map((s) => ({ code: Number(s.raw), message: s.message }));
  const code = text(resp, 'ATDocCodeID')?.trim();
  return {
    statuses,
    receipt: {
      atDocCodeId: code || undefined,
      documentNumber: text(resp, 'DocumentNumber'),
      atcud: text(resp, 'ATCUD'),
    },
  };
}
