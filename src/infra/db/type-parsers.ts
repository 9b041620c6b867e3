// Dates, timestamps and numerics come back as strings: no time-zone shifts, no floats. int8 ids fit in 2^53.
// Functions, so PGlite's thread imports them too (pglite-worker.ts): parsing happens where the rows are read.
const asString = (v: string) => v;

export const TYPE_PARSERS: Record<number, (v: string) => unknown> = {
  20: (v: string) => Number(v),
  1700: asString,
  1082: asString,
  1114: asString,
  1184: asString,
};
