import { LenientReader, type ReaderOptions } from '../../http/kit/reader.js';
import { BillitError } from './billit-error.js';

type Tree = Record<string, unknown>;

/** An issue is written `Code: Description`; `refuse` turns each into one entry of Billit's error list. */
const issue = (code: string, description: string) => `${code}: ${description}`;

const BILLIT_READER: ReaderOptions = {
  messages: {
    invalid: (f) => issue('InvalidValue', `The value of ${f.path} is not valid.`),
    notInteger: (f) => issue('InvalidValue', `The value of ${f.path} is not a valid integer.`),
    notDecimal: (f) => issue('InvalidValue', `The value of ${f.path} is not a valid number.`),
    notBoolean: (f) => issue('InvalidValue', `The value of ${f.path} is not a valid boolean.`),
    required: (f) => issue('Required', `The field ${f.path} is required.`),
    notList: (f) => issue('InvalidValue', `The value of ${f.path} must be a list.`),
    notListItem: (f, i) => issue('InvalidValue', `The item ${i} of ${f.path} must be an object.`),
    refuse: (issues) =>
      new BillitError(
        400,
        issues.map((s) => {
          const at = s.indexOf(': ');
          return at > 0
            ? { Code: s.slice(0, at), Description: s.slice(at + 2) }
            : { Code: 'GenericError', Description: s };
        }),
      ),
  },
  sharedIssues: true,
  blankTextIsNull: true,
};

/**
 * Typed reads of a Billit request body over the kit's lenient reader. Billit binds JSON like ASP.NET does: field
 * names match whatever their case (`Transporttype`, `TransportType`, `OrderIds`, `OrderIDs`), and an explicit `null`
 * reads as absent (C sends `PaidDate: null`): `text` gives null for it, the other reads undefined. Problems are
 * gathered and thrown together by `check()` as a 400 in Billit's envelope.
 */
export class BillitInput extends LenientReader {
  constructor(data: Tree, options: ReaderOptions = BILLIT_READER, prefix = '', issues?: string[]) {
    super(data, options, prefix, issues);
  }

  /** The request's own key for the first of `keys` it carries, compared without case. */
  override key(...keys: string[]): string | undefined {
    for (const k of keys) if (this.data[k] !== undefined) return k;
    const own = Object.keys(this.data);
    for (const k of keys) {
      const lower = k.toLowerCase();
      const found = own.find((o) => o.toLowerCase() === lower && this.data[o] !== undefined);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** Whether the client sent the field at all, `null` included (PATCH: null clears). */
  sent(...keys: string[]): boolean {
    const lower = keys.map((k) => k.toLowerCase());
    return Object.keys(this.data).some((o) => lower.includes(o.toLowerCase()));
  }

  /** Whether the client sent the field as an explicit `null`. */
  isNull(...keys: string[]): boolean {
    const lower = keys.map((k) => k.toLowerCase());
    return Object.keys(this.data).some((o) => lower.includes(o.toLowerCase()) && this.data[o] === null);
  }

  /** The names the client sent at this level (to refuse the ones a route does not take). */
  keys(): string[] {
    return Object.keys(this.data);
  }

  /** A list of nested objects; `null` reads as absent. */
  list(...keys: string[]): BillitInput[] | undefined {
    return this.listOf(keys);
  }

  /** Reports a problem with Billit's code. */
  fail(code: string, description: string): void {
    this.issue(issue(code, description));
  }
}

/** A body as a Billit reader: a JSON object, or an empty one for anything else (no body, an array, a number). */
export function billitInput(body: unknown): BillitInput {
  return new BillitInput(body && typeof body === 'object' && !Array.isArray(body) ? (body as Tree) : {});
}
