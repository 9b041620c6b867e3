import { type FieldName, LenientReader, type ReaderMessages } from '../../http/kit/reader.js';
import { MfError, type MfValidationError } from './mf-error.js';

type Tree = Record<string, unknown>;

// An issue travels as JSON text through the kit's reader (which gathers strings) and becomes a ValidationError.
const issue = (f: FieldName, type: string, detail: string) => JSON.stringify([f.path, type, detail]);

function validationError(text: string): MfValidationError {
  try {
    const [field, type, detail] = JSON.parse(text) as [string, string, string];
    const element = /\.(\d+)(?:\.|$)/.exec(field);
    return {
      FieldName: field,
      ElementNumber: element ? Number(element[1]) : undefined,
      Type: type,
      Field: field,
      Detail: detail,
    };
  } catch {
    return { Type: 'Invalid', Field: '', Detail: text };
  }
}

const MESSAGES: ReaderMessages = {
  invalid: (f) => issue(f, 'Invalid', `${f.path} is not valid.`),
  notInteger: (f) => issue(f, 'Invalid', `${f.path} must be a whole number.`),
  notDecimal: (f) => issue(f, 'Invalid', `${f.path} must be a number.`),
  notBoolean: (f) => issue(f, 'Invalid', `${f.path} must be true or false.`),
  required: (f) => issue(f, 'Required', `${f.path} is required.`),
  notList: (f) => issue(f, 'Invalid', `${f.path} must be a list.`),
  notListItem: (f, i) => issue(f, 'Invalid', `${f.path} item ${i} must be an object.`),
  refuse: (issues) => {
    const errors = issues.map(validationError);
    return new MfError(2, errors.map((e) => e.Detail).join(' '), errors);
  },
};

/**
 * An operation's input as MagniFinance's clients send it, over SOAP (every value a string, elements by local name)
 * and REST (JSON numbers, booleans and strings alike): `"IsToClose":"true"`, `"UnitPrice":"1"`, decimals with a
 * comma, names in any letter case (`documentId`, `DocumentId`), and a boolean where text goes (digitaldev sends
 * `Address:false`) read as absent.
 */
export class MfReader extends LenientReader {
  constructor(data: Tree, options: typeof MF_READER_OPTIONS = MF_READER_OPTIONS, prefix = '', issues?: string[]) {
    super(data, options, prefix, issues);
  }

  /** The first of the keys the input carries, in any letter case. */
  override key(...keys: string[]): string | undefined {
    const exact = keys.find((k) => this.data[k] !== undefined);
    if (exact !== undefined) return exact;
    const present = Object.keys(this.data);
    for (const k of keys) {
      const lower = k.toLowerCase();
      const found = present.find((p) => p.toLowerCase() === lower && this.data[p] !== undefined);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  override text(...keys: string[]): string | null | undefined {
    if (typeof this.raw(...keys) === 'boolean') return undefined;
    return super.text(...keys);
  }

  /** Trimmed text, undefined when absent or blank. */
  str(...keys: string[]): string | undefined {
    const v = this.text(...keys);
    return v === null || v === undefined || v.trim() === '' ? undefined : v.trim();
  }

  /** A ValidationError on one field, in the reader's issues. */
  problem(key: string, type: string, detail: string): void {
    this.issue(issue(this.field(key), type, detail));
  }

  /** The path of a key of this object from the input's root (`Document.Lines.0.TaxValue`). */
  pathOf(key: string): string {
    return this.field(key).path;
  }
}

export const MF_READER_OPTIONS = {
  messages: MESSAGES,
  sharedIssues: true,
  blankTextIsNull: true,
  blankObjectIsEmpty: true,
  blankBooleanIsAbsent: true,
};

/** A reader over an operation's input (a SOAP operation element's content, or a REST body). */
export const mfReader = (data: unknown): MfReader =>
  new MfReader(data && typeof data === 'object' && !Array.isArray(data) ? (data as Tree) : {});
