export {
  type SoapCall,
  type SoapOperation,
  type SoapServiceDef,
  type SoapTransport,
  registerSoapServices,
  soap,
  soapEnvelopeOf,
} from './service.js';
export type { SoapRequest } from './envelope.js';
export { SoapFault, type FaultCode } from './fault.js';
export type { SoapOut, SoapOutRecord } from './reply.js';
export type { SoapRecord, SoapValue } from './xml-tree.js';
export type { SoapVersion } from './versions.js';
