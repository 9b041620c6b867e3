import type { MultipartFile, MultipartValue } from '@fastify/multipart';
import {
  createUploadedDocument,
  getUploadedDocument,
  listUploadedDocuments,
  type UploadedDocumentInput,
} from '../../../app/files/uploaded-documents.js';
import { MAX_FILE_BYTES } from '../../../app/files/store-file.js';
import { badTextMessage, findBadText } from '../../../http/kit/text-check.js';
import { BillitError } from '../billit-error.js';
import type { Call, Route } from '../context.js';
import { parseBillitDate } from '../dates.js';
import { billitListQuery, billitPage } from '../list-query.js';
import { documentView } from '../views/document.js';

const TYPE = 'Domain.Document.Document';

/** Tags as sent: a JSON list, or text separated by commas or semicolons (a form field). */
function tagsOf(v: unknown): string[] | null {
  if (v === null || v === undefined || v === '') return null;
  if (Array.isArray(v)) return v.map(String);
  const s = String(v).trim();
  if (s.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(s);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      /* read as a list below */
    }
  }
  return s.split(/[;,]/);
}

function dateOf(v: string | null | undefined): string | null {
  if (!v) return null;
  const d = parseBillitDate(v);
  if (!d) throw BillitError.bad('InvalidValue', `The value of DocumentDate is not a valid date: '${v}'.`);
  return d.date;
}

/** The JSON form: `{Name, Description, DocumentDate, Tags, File{FileName, FileContent (base64), MimeType}}`. */
function jsonDocument(c: Call): UploadedDocumentInput {
  const b = c.body;
  const name = b.text('Name');
  const description = b.text('Description');
  const date = b.text('DocumentDate');
  const tags = tagsOf(b.raw('Tags'));
  const file = b.sub('File');
  const fileName = file?.text('FileName', 'Name');
  const content = file?.text('FileContent', 'Content');
  const mimeType = file?.text('MimeType', 'ContentType');
  b.check(file);
  if (content && !/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(content))
    throw BillitError.bad('InvalidValue', 'File.FileContent must be base64.');
  return {
    name,
    description,
    documentDate: dateOf(date),
    tags,
    file: file ? { fileName: fileName ?? '', mimeType, bytes: Buffer.from(content ?? '', 'base64') } : null,
  };
}

/** The upload form (multipart/form-data): one file part, and Name, Description, DocumentDate, Tags as fields. */
async function multipartDocument(c: Call): Promise<UploadedDocumentInput> {
  const fields = new Map<string, string>();
  let file: UploadedDocumentInput['file'] = null;
  try {
    for await (const part of c.request.parts({ limits: { fileSize: MAX_FILE_BYTES, files: 1 } })) {
      if (part.type === 'file') {
        const f = part as MultipartFile;
        file = { fileName: f.filename, mimeType: f.mimetype, bytes: await f.toBuffer() };
      } else fields.set(part.fieldname.toLowerCase(), String((part as MultipartValue).value ?? ''));
    }
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT')
      throw BillitError.bad('FileTooLarge', `One file of at most ${MAX_FILE_BYTES} bytes per upload.`);
    if (code.startsWith('FST_')) throw BillitError.generic('The multipart body could not be read.');
    throw err;
  }
  // The kit checks JSON bodies and queries for text PostgreSQL cannot keep; form parts are read here, so here.
  const bad = findBadText({ ...Object.fromEntries(fields), 'File.FileName': file?.fileName ?? '' });
  if (bad) throw BillitError.bad('InvalidValue', `The field ${bad.path.join('.')} ${badTextMessage(bad)}.`);
  return {
    name: fields.get('name') ?? null,
    description: fields.get('description') ?? null,
    documentDate: dateOf(fields.get('documentdate')),
    tags: tagsOf(fields.get('tags')),
    file,
  };
}

export function registerDocuments(route: Route): void {
  route('GET', '/documents', {}, async (c) => {
    const { query, page } = billitListQuery(c, TYPE);
    if (query.filter || query.orderby.length)
      throw BillitError.generic(`The documents list takes no $filter or $orderby on type '${TYPE}'.`);
    const res = await c.tx((tx) => listUploadedDocuments(tx, c.accountId, page));
    return billitPage(c, '/documents', query, res.items.map(documentView), res.total);
  });

  route('POST', '/documents', {}, async (c) => {
    const input = c.request.isMultipart() ? await multipartDocument(c) : jsonDocument(c);
    return c.tx((tx) => createUploadedDocument(tx, c.accountId, input));
  });

  route('GET', '/documents/:id', {}, async (c) =>
    documentView(await c.tx((tx) => getUploadedDocument(tx, c.accountId, c.id))),
  );
}
