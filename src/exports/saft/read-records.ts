import { TextDecoder } from 'node:util';
import { XMLParser } from 'fast-xml-parser';

/** The repeated records of a SAF-T file that carry documents. */
export const DOCUMENT_RECORDS = ['Invoice', 'StockMovement', 'WorkDocument', 'Payment'] as const;
export type DocumentRecordName = (typeof DOCUMENT_RECORDS)[number];

/** A parsed record: element names to text, nested records, or arrays of them. */
export type ParsedRecord = { [element: string]: string | ParsedRecord | ParsedRecord[] | undefined };

// Elements that may repeat inside a document record, always parsed as arrays.
const REPEATED = new Set([
  'Line',
  'OrderReferences',
  'References',
  'WithholdingTax',
  'SourceDocumentID',
  'PaymentMethod',
  'Payment',
  'Settlement',
  'DeliveryID',
  'WarehouseID',
  'LocationID',
  'SerialNumber',
]);

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name, jpath) => REPEATED.has(name) && jpath !== name,
});

function encodingOf(head: Buffer): string {
  const m = /^<\?xml[^>]*encoding=["']([A-Za-z0-9._-]+)["']/.exec(head.subarray(0, 200).toString('latin1'));
  return m ? m[1].toLowerCase() : 'utf-8';
}

/**
 * Reads the document records (Invoice, StockMovement, WorkDocument, Payment) of a SAF-T file one at a time from a
 * byte stream, parsing each with fast-xml-parser: only one record is held at once, whatever the file size.
 * The file's declared encoding is honoured (AT's demo file is Windows-1252). SAF-T uses the default namespace,
 * so records are found by their unprefixed names.
 */
export async function* readSaftRecords(
  input: AsyncIterable<Buffer | string>,
  names: readonly DocumentRecordName[] = DOCUMENT_RECORDS,
): AsyncGenerator<{ name: DocumentRecordName; record: ParsedRecord }> {
  // Every record kind is scanned for, so that a wanted name nested in another record (an invoice's
  // DocumentTotals/Payment) is skipped with the record that holds it.
  const start = new RegExp(`<(${DOCUMENT_RECORDS.join('|')})[\\s>]`, 'g');
  const wanted = new Set<string>(names);
  let decoder: TextDecoder | undefined;
  let head: Buffer = Buffer.alloc(0);
  let buf = '';

  /** Takes every complete record out of the buffer; keeps what may begin the next one. */
  function* drain(): Generator<{ name: DocumentRecordName; record: ParsedRecord }> {
    for (;;) {
      start.lastIndex = 0;
      const m = start.exec(buf);
      if (!m) {
        // Keep a tail that may hold the beginning of a start tag cut by the chunk boundary.
        const lt = buf.lastIndexOf('<');
        buf = lt >= 0 && buf.length - lt < 32 ? buf.slice(lt) : '';
        return;
      }
      const name = m[1] as DocumentRecordName;
      const endTag = `</${name}>`;
      const end = buf.indexOf(endTag, m.index);
      if (end < 0) {
        buf = buf.slice(m.index);
        return;
      }
      const xml = buf.slice(m.index, end + endTag.length);
      buf = buf.slice(end + endTag.length);
      if (wanted.has(name)) yield { name, record: (parser.parse(xml) as Record<string, ParsedRecord>)[name] };
    }
  }

  for await (const chunk of input) {
    let bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (!decoder) {
      // The encoding is declared on the first line: wait for it before decoding anything.
      head = Buffer.concat([head, bytes]);
      if (head.length < 200 && !head.includes('?>')) continue;
      decoder = new TextDecoder(encodingOf(head));
      bytes = head;
    }
    buf += decoder.decode(bytes, { stream: true });
    yield* drain();
  }
  // A file shorter than its first line, and whatever a multi-byte character left pending.
  buf += decoder ? decoder.decode() : new TextDecoder(encodingOf(head)).decode(head);
  yield* drain();
}
