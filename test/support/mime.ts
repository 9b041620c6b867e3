/**
 * A minimal MIME reader for the messages the test SMTP server captures (mailparser is not a dependency):
 * unfolded headers, RFC 2047 encoded words, multipart bodies, base64 and quoted-printable parts.
 */
export interface MimePart {
  headers: Map<string, string>;
  contentType: string;
  params: Record<string, string>;
  /** Decoded bytes of a leaf part. */
  content: Buffer;
  parts: MimePart[];
  filename: string | null;
}

export interface ParsedMail {
  headers: Map<string, string>;
  subject: string;
  from: string;
  to: string;
  cc: string;
  text: string;
  attachments: { filename: string | null; contentType: string; content: Buffer }[];
  root: MimePart;
}

function decodeQp(s: string): Buffer {
  const bytes: number[] = [];
  const src = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < src.length; i++) {
    if (src[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(src.slice(i + 1, i + 3))) {
      bytes.push(parseInt(src.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(src[i], 'latin1'));
    }
  }
  return Buffer.from(bytes);
}

/** RFC 2047: `=?UTF-8?B?…?=` and `=?UTF-8?Q?…?=`, adjacent words joined without the whitespace between them. */
export function decodeWords(v: string): string {
  return v
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, charset: string, enc: string, data: string) => {
      const buf = enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : decodeQp(data.replace(/_/g, ' '));
      return new TextDecoder(charset.toLowerCase()).decode(buf);
    });
}

function parseHeaders(block: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) out.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return out;
}

function parseParams(v: string): { value: string; params: Record<string, string> } {
  const [value, ...rest] = v.split(';');
  const params: Record<string, string> = {};
  for (const p of rest) {
    const i = p.indexOf('=');
    if (i < 0) continue;
    const k = p.slice(0, i).trim().toLowerCase();
    let val = p
      .slice(i + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (k.endsWith('*')) {
      val = decodeURIComponent(val.replace(/^[^']*'[^']*'/, ''));
      params[k.slice(0, -1)] = val;
    } else {
      params[k] = decodeWords(val);
    }
  }
  return { value: value.trim().toLowerCase(), params };
}

function parsePart(raw: Buffer): MimePart {
  const s = raw.toString('latin1');
  const sep = /\r?\n\r?\n/.exec(s);
  const headerEnd = sep ? sep.index : s.length;
  const headers = parseHeaders(s.slice(0, headerEnd));
  const body = sep ? raw.subarray(Buffer.byteLength(s.slice(0, headerEnd + sep[0].length), 'latin1')) : Buffer.alloc(0);
  const ct = parseParams(headers.get('content-type') ?? 'text/plain; charset=us-ascii');
  const disposition = parseParams(headers.get('content-disposition') ?? 'inline');
  const filename = disposition.params.filename ?? ct.params.name ?? null;
  const part: MimePart = {
    headers,
    contentType: ct.value,
    params: ct.params,
    content: Buffer.alloc(0),
    parts: [],
    filename,
  };
  if (ct.value.startsWith('multipart/') && ct.params.boundary) {
    const text = body.toString('latin1');
    const delimiter = `--${ct.params.boundary}`;
    const chunks = text.split(new RegExp(`\\r?\\n?${delimiter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    for (const chunk of chunks.slice(1)) {
      if (chunk.startsWith('--')) break;
      part.parts.push(parsePart(Buffer.from(chunk.replace(/^\r?\n/, ''), 'latin1')));
    }
    return part;
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'base64') part.content = Buffer.from(body.toString('latin1').replace(/\s+/g, ''), 'base64');
  else if (encoding === 'quoted-printable') part.content = decodeQp(body.toString('latin1'));
  else part.content = body;
  return part;
}

function leaves(p: MimePart): MimePart[] {
  return p.parts.length ? p.parts.flatMap(leaves) : [p];
}

export function parseMail(raw: Buffer): ParsedMail {
  const root = parsePart(raw);
  const all = leaves(root);
  const textPart = all.find((p) => p.contentType === 'text/plain' && !p.filename);
  const charset = textPart?.params.charset ?? 'utf-8';
  return {
    headers: root.headers,
    subject: decodeWords(root.headers.get('subject') ?? ''),
    from: decodeWords(root.headers.get('from') ?? ''),
    to: decodeWords(root.headers.get('to') ?? ''),
    cc: decodeWords(root.headers.get('cc') ?? ''),
    text: textPart ? new TextDecoder(charset).decode(textPart.content).replace(/\r\n/g, '\n') : '',
    attachments: all
      .filter((p) => p.filename)
      .map((p) => ({ filename: p.filename, contentType: p.contentType, content: p.content })),
    root,
  };
}
