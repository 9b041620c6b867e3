import http from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';

/** The TLS material for AT: the producer's client certificate (mutual TLS) and optional extra CAs. */
export interface TlsMaterial {
  cert?: Buffer;
  key?: Buffer;
  pfx?: Buffer;
  passphrase?: string;
  ca?: Buffer;
}

export class AtTransportError extends Error {
  constructor(
    readonly kind: 'timeout' | 'network',
    message: string,
  ) {
    super(message);
    this.name = 'AtTransportError';
  }
}

export interface SoapPost {
  soapAction: string;
  timeoutMs: number;
  tls?: TlsMaterial;
}

const MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

/**
 * POSTs a SOAP 1.1 envelope (`text/xml; charset=utf-8`, quoted SOAPAction). Resolves with any HTTP answer;
 * rejects with AtTransportError when no answer came (connection refused, reset, timeout).
 */
export function postSoap(url: string, envelope: string, opts: SoapPost): Promise<{ status: number; body: string }> {
  const target = new URL(url);
  const payload = Buffer.from(envelope, 'utf8');
  const headers = {
    'content-type': 'text/xml; charset=utf-8',
    soapaction: `"${opts.soapAction}"`,
    'content-length': String(payload.length),
  };
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        fn();
      }
    };
    const onResponse = (res: http.IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_RESPONSE_BYTES) {
          req.destroy(new AtTransportError('network', 'AT answer too large'));
          return;
        }
        chunks.push(c);
      });
      res.on('end', () =>
        finish(() => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') })),
      );
      res.on('error', (err) => finish(() => reject(new AtTransportError('network', err.message))));
    };
    let req: http.ClientRequest;
    if (target.protocol === 'https:') {
      const t = opts.tls ?? {};
      req = https.request(
        target,
        {
          method: 'POST',
          headers,
          cert: t.cert,
          key: t.key,
          pfx: t.pfx,
          passphrase: t.passphrase,
          ca: t.ca ? [...rootCertificates, t.ca.toString('utf8')] : undefined,
          agent: false,
        },
        onResponse,
      );
    } else if (target.protocol === 'http:') {
      req = http.request(target, { method: 'POST', headers, agent: false }, onResponse);
    } else {
      reject(new AtTransportError('network', `unsupported AT endpoint scheme ${target.protocol}`));
      return;
    }
    const timer = setTimeout(() => {
      finish(() => reject(new AtTransportError('timeout', `AT did not answer within ${opts.timeoutMs} ms`)));
      req.destroy();
    }, opts.timeoutMs);
    req.on('error', (err) =>
      finish(() => reject(err instanceof AtTransportError ? err : new AtTransportError('network', err.message))),
    );
    req.end(payload);
  });
}
