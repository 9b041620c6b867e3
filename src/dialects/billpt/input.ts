import { LenientReader, type ReaderOptions } from '../../http/kit/reader.js';
import { BillptError } from './billpt-error.js';

type Tree = Record<string, unknown>;

/** bill.pt's field codes: 1 mandatory, 5 boolean, 7 integer, 9 invalid, 10 numeric, under the name the client used. */
const BILLPT_READER: ReaderOptions = {
  messages: {
    invalid: (f) => `9.${f.path}`,
    notInteger: (f) => `7.${f.path}`,
    notDecimal: (f) => `10.${f.path}`,
    notBoolean: (f) => `5.${f.path}`,
    required: (f) => `1.${f.path}`,
    notList: (f) => `9.${f.path}`,
    notListItem: (f, i) => `9.${f.path}.${i}`,
    refuse: (issues) => new BillptError(422, issues),
  },
  blankObjectIsEmpty: true,
  anyObjectIsList: true,
  blankBooleanIsAbsent: true,
};

/**
 * Typed reads of a bill.pt request (the kit's lenient reader), collecting bill.pt field codes. Absent, null and ""
 * read as undefined, except where a text may be cleared.
 */
export class Input extends LenientReader {
  constructor(data: Tree, options: ReaderOptions = BILLPT_READER, prefix = '', issues?: string[]) {
    super(data, options, prefix, issues);
  }

  /** A list of nested objects (`produtos[0][...]`), each with its own prefix. */
  list(...keys: string[]): Input[] | undefined {
    return this.listOf(keys);
  }

  /** Reports the first of the keys the request carries as an invalid value (`9.<name>`). */
  invalid(...keys: string[]): void {
    this.invalidField(...keys);
  }
}
