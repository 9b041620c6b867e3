import { MailSendError, type MailTransport } from '../app/email/ports.js';
import type { WebhookSender } from '../app/webhooks/ports.js';
import type { AtCallResult, AtGateway } from '../app/at/ports.js';
import type { Metrics } from '../infra/metrics/metrics.js';

/** The SMTP transport, counting each attempt: sent, retryable (may pass later), permanent (refused for good). */
export function meteredMailTransport(inner: MailTransport, metrics: Metrics): MailTransport {
  return {
    async send(settings, message) {
      try {
        const sent = await inner.send(settings, message);
        metrics.emailDeliveries.inc({ result: 'sent' });
        return sent;
      } catch (err) {
        const permanent = err instanceof MailSendError && err.permanent;
        metrics.emailDeliveries.inc({ result: permanent ? 'permanent' : 'retryable' });
        throw err;
      }
    },
  };
}

/** The webhook sender, counting each attempt by status class (`none`: no HTTP answer). */
export function meteredWebhookSender(inner: WebhookSender, metrics: Metrics): WebhookSender {
  return {
    async post(url, headers, body) {
      const r = await inner.post(url, headers, body);
      const statusClass = r.statusCode === null ? 'none' : `${Math.floor(r.statusCode / 100)}xx`;
      metrics.webhookDeliveries.inc({ status_class: statusClass });
      return r;
    },
  };
}

const AT_CALLS = [
  'registerSeries',
  'finalizeSeries',
  'annulSeries',
  'listSeries',
  'sendTransportDocument',
  'registerInvoice',
  'changeInvoiceStatus',
] as const;

/** The AT gateway, counting each webservice call by operation and outcome. */
export function meteredAtGateway(inner: AtGateway, metrics: Metrics): AtGateway {
  const out: AtGateway = { ...inner };
  for (const name of AT_CALLS) {
    const call = inner[name].bind(inner) as (...args: unknown[]) => Promise<AtCallResult<unknown>>;
    (out as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      const r = await call(...args);
      metrics.atCommunications.inc({ operation: name, outcome: r.outcome });
      return r;
    };
  }
  return out;
}
