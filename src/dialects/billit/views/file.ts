/** A file as Billit's JSON answer: the content in base64 (D get-files.md; clients parse JSON here). */
export function fileView(f: { id: string; fileName: string; mimeType: string; bytes: Uint8Array }) {
  return {
    FileID: f.id,
    FileName: f.fileName,
    MimeType: f.mimeType,
    FileContent: Buffer.from(f.bytes).toString('base64'),
  };
}
