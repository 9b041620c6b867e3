import { MfError } from '../mf-error.js';
import { asMfError } from '../run-operation.js';

/**
 * An error as MagniFinance's, its ValidationErrors' fields named as the operation's elements (`names` by the core's
 * or the shared map's name, then `fallback`); anything that is no business error is returned as it is.
 */
export function withFieldNames(
  err: unknown,
  names: Readonly<Record<string, string>>,
  fallback: (field: string) => string = (f) => f,
): unknown {
  const mf = asMfError(err);
  if (!mf) return err;
  const rename = (f: string) => names[f] ?? fallback(f);
  return new MfError(
    mf.code,
    mf.humanReadable,
    mf.validationErrors.map((v) => ({
      ...v,
      FieldName: v.FieldName === undefined ? undefined : rename(v.FieldName),
      Field: rename(v.Field),
    })),
    mf.httpStatus,
  );
}
