export type { CompareOp, ODataExpr, ODataLiteral, ODataOrder, ODataQuery, TextFunction } from './ast.js';
export { ODataError } from './odata-error.js';
export { parseFilter } from './filter-parser.js';
export { type ODataQueryOptions, parseODataQuery } from './query.js';
export {
  type DocumentField,
  type ODataField,
  type ODataFieldMap,
  fieldOf,
  toDocumentFilter,
  toDocumentOrder,
  toPageRequest,
} from './document-filter.js';
export { type DocumentListRequest, documentListRequest, nextPageLink } from './list.js';
