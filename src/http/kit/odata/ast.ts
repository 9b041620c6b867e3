/** An OData `$filter`, parsed into a neutral tree that says nothing about any vendor or table. */
export type ODataLiteral =
  | { kind: 'string'; value: string }
  /** Numbers stay text, so money keeps its decimals (decimal.js reads them). */
  | { kind: 'number'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  /** `YYYY-MM-DD`: a bare date, or `datetime'…'` with no time of day. */
  | { kind: 'date'; value: string }
  /** `YYYY-MM-DDTHH:mm:ss[.fff][Z|±hh:mm]`, as written. */
  | { kind: 'datetime'; value: string }
  | { kind: 'guid'; value: string };

export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type TextFunction = 'contains' | 'startswith' | 'endswith';

export type ODataExpr =
  | { kind: 'compare'; field: string; op: CompareOp; value: ODataLiteral }
  | { kind: 'text'; fn: TextFunction; field: string; value: string }
  | { kind: 'and'; all: ODataExpr[] }
  | { kind: 'or'; any: ODataExpr[] }
  | { kind: 'not'; expr: ODataExpr };

export interface ODataOrder {
  field: string;
  dir: 'asc' | 'desc';
}

/** The list options of one request. */
export interface ODataQuery {
  filter?: ODataExpr;
  /** The page size after clamping to the dialect's maximum. */
  top: number;
  skip: number;
  orderby: ODataOrder[];
  /** `$count=true` (v4) or `$inlinecount=allpages` (v2). */
  count: boolean;
  select?: string[];
}
