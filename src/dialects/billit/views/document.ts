import type { UploadedDocument } from '../../../app/files/uploaded-documents.js';
import { billitDateTime } from '../dates.js';

/** An uploaded document as Billit shows it; its file is fetched through /v1/files/{FileID}. */
export function documentView(d: UploadedDocument) {
  return {
    DocumentID: d.id,
    Name: d.name,
    Description: d.description,
    DocumentDate: billitDateTime(d.documentDate),
    Tags: d.tags,
    FileID: d.file?.id ?? null,
    File: d.file ? { FileID: d.file.id, FileName: d.file.fileName, MimeType: d.file.mimeType } : null,
    CreatedDate: billitDateTime(d.createdAt),
  };
}
