import type { SoapVersion } from './versions.js';

/**
 * Who is at fault, in SOAP 1.2 words: `Sender` (the message is wrong: malformed XML, unknown operation) or
 * `Receiver` (the service failed). SOAP 1.1 calls them `Client` and `Server`; `VersionMismatch` is both versions'.
 */
export type FaultCode = 'Sender' | 'Receiver' | 'VersionMismatch';

/** A SOAP fault. Vendors answer business errors as normal responses, so only the transport throws these. */
export class SoapFault extends Error {
  constructor(
    readonly code: FaultCode,
    message: string,
    /** The version to answer in, when known before the envelope is read (e.g. from the Content-Type). */
    readonly version?: SoapVersion,
  ) {
    super(message);
    this.name = 'SoapFault';
  }
}

/** SOAP 1.1 faults code `Client`/`Server`; 1.2 `Sender`/`Receiver`. */
export function faultCodeName(code: FaultCode, version: SoapVersion): string {
  if (version === '1.2' || code === 'VersionMismatch') return code;
  return code === 'Sender' ? 'Client' : 'Server';
}

/**
 * NOTE: SOAP 1.1 §6.2: a fault is answered with HTTP 500 whoever is at fault (ASMX does the same on both versions);
 * the SOAP 1.2 HTTP binding (Part 2 §7.5.1) answers a Sender fault 400 and any other 500.
 */
export function faultStatus(code: FaultCode, version: SoapVersion): number {
  return version === '1.2' && code === 'Sender' ? 400 : 500;
}
