import { randomUUID } from 'node:crypto';
import type { MfError, MfValidationError } from './mf-error.js';

/** What an operation answers in `Object`: plain data (numbers for ids, strings for money and dates). */
export type MfValue = string | number | boolean | null | undefined | MfObject | MfValue[];
export interface MfObject {
  [name: string]: MfValue;
}

/** An operation's outcome, before it is written in either transport's envelope. */
export type MfOutcome = { object: MfValue } | { error: MfError };

/**
 * The SOAP `Response` (or `ResponseAddPartner`, …): `Type` is the text Success|Error (EV compares it with ===),
 * `ValidationErrors` an ArrayOfValidationError. Left out when empty: the WSDL makes every element optional.
 */
export function soapResponse(outcome: MfOutcome, requestId = randomUUID()): MfObject {
  if ('object' in outcome) return { RequestId: requestId, Type: 'Success', Object: outcome.object };
  const e = outcome.error;
  return {
    RequestId: requestId,
    Type: 'Error',
    ErrorValue: { Value: e.code, Name: e.errorName },
    ErrorHumanReadable: e.humanReadable,
    ValidationErrors: e.validationErrors.length
      ? { ValidationError: e.validationErrors.map((v) => validationError(v)) }
      : undefined,
  };
}

/** The REST envelope: `Type` 0|1 with IsSuccess/IsError, `ValidationErrors` a plain list. */
export function restResponse(outcome: MfOutcome, requestId = randomUUID()): MfObject {
  if ('object' in outcome)
    return {
      RequestId: requestId,
      Object: outcome.object,
      Type: 0,
      ErrorValue: null,
      ErrorHumanReadable: null,
      ValidationErrors: [],
      IsSuccess: true,
      IsError: false,
    };
  const e = outcome.error;
  return {
    RequestId: requestId,
    Object: null,
    Type: 1,
    ErrorValue: { Value: e.code, Name: e.errorName },
    ErrorHumanReadable: e.humanReadable,
    ValidationErrors: e.validationErrors.map((v) => validationError(v)),
    IsSuccess: false,
    IsError: true,
  };
}

function validationError(v: MfValidationError): MfObject {
  return {
    FieldName: v.FieldName ?? v.Field,
    ElementNumber: v.ElementNumber ?? 0,
    Type: v.Type,
    Field: v.Field,
    Value: v.Value ?? '',
    Detail: v.Detail,
  };
}
