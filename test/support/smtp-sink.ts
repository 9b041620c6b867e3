import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { parseMail, type ParsedMail } from './mime.js';

export interface CapturedMail extends ParsedMail {
  raw: Buffer;
  envelope: { from: string; to: string[] };
  /** The user that authenticated, if any. */
  user: string | null;
}

/** accept: 250. tempfail: 451 to the data (retry later). reject: 550 to every recipient (refused for good). */
export type SinkMode = 'accept' | 'tempfail' | 'reject';

export interface SmtpSink {
  host: string;
  port: number;
  messages: CapturedMail[];
  mode: SinkMode;
  /** Stop listening: clients get connection refused (an SMTP outage). */
  stop(): Promise<void>;
  /** Listen again on the same port. */
  start(): Promise<void>;
  /** Waits until `count` messages were captured. */
  waitFor(count: number, timeoutMs?: number): Promise<CapturedMail[]>;
  close(): Promise<void>;
}

/**
 * A real SMTP server (the smtp-server package) on 127.0.0.1 and a random port, capturing what it receives.
 * No STARTTLS (plain connection, as nodemailer falls back to when none is offered); with `auth`, AUTH PLAIN/LOGIN
 * is required and checked.
 */
export async function startSmtpSink(opts: { auth?: { user: string; pass: string } } = {}): Promise<SmtpSink> {
  const messages: CapturedMail[] = [];
  let port = 0;
  let server: SMTPServer | null = null;
  const sink: SmtpSink = {
    host: '127.0.0.1',
    port: 0,
    messages,
    mode: 'accept',
    async stop() {
      const s = server;
      server = null;
      if (s) await new Promise<void>((r) => s.close(() => r()));
    },
    async start() {
      server = make();
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(port, '127.0.0.1', () => resolve());
      });
      port = (server.server.address() as AddressInfo).port;
      sink.port = port;
    },
    async waitFor(count, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} messages, got ${messages.length}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return messages;
    },
    close() {
      return sink.stop();
    },
  };
  const make = () => {
    const options: SMTPServerOptions = {
      secure: false,
      disabledCommands: opts.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
      authOptional: !opts.auth,
      allowInsecureAuth: true,
      logger: false,
      banner: 'Faturador test SMTP',
      onAuth(auth, _session, cb) {
        if (opts.auth && auth.username === opts.auth.user && auth.password === opts.auth.pass)
          return cb(null, { user: auth.username });
        return cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      },
      onRcptTo(address, _session, cb) {
        if (sink.mode === 'reject')
          return cb(
            Object.assign(new Error(`<${address.address}>: Recipient address rejected`), { responseCode: 550 }),
          );
        return cb();
      },
      onData(stream, session, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (sink.mode === 'tempfail')
            return cb(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
          const raw = Buffer.concat(chunks);
          messages.push({
            ...parseMail(raw),
            raw,
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
            },
            user: (session.user as string | undefined) ?? null,
          });
          cb(null, `Message queued as test-${messages.length}`);
        });
      },
    };
    const s = new SMTPServer(options);
    s.on('error', () => {
      /* client disconnects during tests */
    });
    return s;
  };
  await sink.start();
  return sink;
}
