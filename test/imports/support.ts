import type { TestApp } from '../support/app.js';

/** A multipart/form-data body with one file part and text fields. */
export function multipartBody(
  file: { name: string; bytes: Buffer | string },
  fields: Record<string, string> = {},
): { payload: Buffer; contentType: string } {
  const boundary = `----faturador${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    Buffer.isBuffer(file.bytes) ? file.bytes : Buffer.from(file.bytes),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** POST /v1/imports with a file and fields; the parsed answer. */
export async function upload(
  t: TestApp,
  file: { name: string; bytes: Buffer | string },
  fields: Record<string, string> = {},
  key = t.account.apiKey,
): Promise<{ status: number; body: any }> {
  const { payload, contentType } = multipartBody(file, fields);
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/imports',
    payload,
    headers: { authorization: `Bearer ${key}`, 'content-type': contentType },
  });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
}

export const EN_HEADER =
  'Document,Type,Customer tax id,Customer name,Item code,Description,Quantity,Unit price,Discount %,Tax rate %';

/** A CSV of `docs` documents of two lines each (English headers, decimal points). */
export function invoiceCsv(docs: number, bad: Map<number, string> = new Map()): string {
  const lines = [EN_HEADER];
  for (let d = 1; d <= docs; d++) {
    lines.push(bad.get(lines.length + 1) ?? `D${d},FT,123456789,Cliente Import,,Serviço ${d},1,${10 + d}.50,,23`);
    lines.push(bad.get(lines.length + 1) ?? `D${d},,,,,Extra ${d},2,3.25,10,23`);
  }
  return lines.join('\n') + '\n';
}
