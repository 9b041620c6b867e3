import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { WebhookResponse, WebhookSender } from '../../app/webhooks/ports.js';
import { isNonPublicAddress } from '../../domain/webhooks/endpoint-url.js';

export interface HttpSenderOptions {
  timeoutMs: number;
  /** Refuse to connect to loopback, private and link-local addresses (checked after DNS, so rebinding cannot dodge it). */
  allowPrivateNetworks: boolean;
  /** How much of the response body the log keeps. */
  excerptBytes?: number;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** dns.lookup that refuses non-public destinations. */
function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, options.all ? [] : '');
    const bad = addresses.find((a) => isNonPublicAddress(a.address));
    if (bad) {
      const e: NodeJS.ErrnoException = new Error(
        `${hostname} resolves to ${bad.address}, a private or loopback address`,
      );
      e.code = 'EPRIVATEADDR';
      return callback(e, options.all ? [] : '');
    }
    if (options.all) return callback(null, addresses);
    return callback(null, addresses[0].address, addresses[0].family);
  });
}

/** POSTs webhook bodies with node:http(s): no redirects followed, one overall timeout, a short excerpt of the answer. */
export function createHttpSender(opts: HttpSenderOptions): WebhookSender {
  const limit = opts.excerptBytes ?? 1024;
  return {
    post(url: string, headers: Record<string, string>, body: string): Promise<WebhookResponse> {
      const t0 = performance.now();
      const done = (r: Omit<WebhookResponse, 'durationMs'>): WebhookResponse => ({
        ...r,
        durationMs: Math.round(performance.now() - t0),
      });
      return new Promise((resolve) => {
        let u: URL;
        try {
          u = new URL(url);
        } catch {
          return resolve(done({ statusCode: null, excerpt: null, error: 'Invalid URL' }));
        }
        const host = u.hostname.replace(/^\[|\]$/g, '');
        if (!opts.allowPrivateNetworks && (isIP(host) ? isNonPublicAddress(host) : host === 'localhost')) {
          return resolve(done({ statusCode: null, excerpt: null, error: `${host} is a private or loopback address` }));
        }
        const payload = Buffer.from(body, 'utf8');
        const client = u.protocol === 'https:' ? https : http;
        let settled = false;
        const finish = (r: Omit<WebhookResponse, 'durationMs'>) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(done(r));
        };
        const req = client.request(
          u,
          {
            method: 'POST',
            headers: { ...headers, 'content-length': String(payload.length) },
            ...(opts.allowPrivateNetworks ? {} : { lookup: guardedLookup as never }),
          },
          (res) => {
            const chunks: Buffer[] = [];
            let size = 0;
            res.on('data', (c: Buffer) => {
              if (size < limit) chunks.push(c.subarray(0, limit - size));
              size += c.length;
              if (size > 64 * 1024) res.destroy();
            });
            const end = () =>
              finish({
                statusCode: res.statusCode ?? null,
                excerpt: Buffer.concat(chunks).toString('utf8'),
                error: null,
              });
            res.on('end', end);
            res.on('close', end);
            res.on('error', end);
          },
        );
        const timer = setTimeout(() => {
          req.destroy();
          finish({ statusCode: null, excerpt: null, error: `Timed out after ${opts.timeoutMs} ms` });
        }, opts.timeoutMs);
        req.on('error', (err: NodeJS.ErrnoException) =>
          finish({ statusCode: null, excerpt: null, error: `${err.code ? `${err.code}: ` : ''}${err.message}` }),
        );
        req.end(payload);
      });
    },
  };
}
