import { checkWebhookUrl, type WebhookUrlPolicy } from '../../domain/webhooks/endpoint-url.js';
import { WEBHOOK_EVENT_TYPES, isWebhookEventType } from '../../domain/webhooks/events.js';
import type { IssueCollector } from '../../domain/errors.js';

export interface WebhookInput {
  url?: string;
  /** Event names, or ["*"] for all (including events added later). */
  events?: string[];
  description?: string | null;
  enabled?: boolean;
}

export function webhookUrl(value: unknown, policy: WebhookUrlPolicy, c: IssueCollector): string {
  const r = checkWebhookUrl(value, policy);
  if ('issues' in r) {
    for (const i of r.issues) c.add(i.field, i.issue, i.message, i.value);
    return '';
  }
  return r.url;
}

export function webhookEvents(value: unknown, c: IssueCollector): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    c.add('events', 'required', `At least one of ${WEBHOOK_EVENT_TYPES.join(', ')}, or "*".`);
    return [];
  }
  const out: string[] = [];
  value.forEach((v, i) => {
    if (v !== '*' && !isWebhookEventType(v))
      c.add(
        `events[${i}]`,
        'unknown',
        `Unknown event; known: ${WEBHOOK_EVENT_TYPES.join(', ')}, or "*".`,
        String(v).slice(0, 100),
      );
    else if (!out.includes(v)) out.push(v);
  });
  return out.includes('*') ? ['*'] : out;
}

export function webhookDescription(value: unknown, c: IssueCollector): string | null {
  if (value == null) return null;
  if (typeof value !== 'string' || value.length > 200) {
    c.add('description', 'too_long', 'At most 200 characters.', '200');
    return null;
  }
  return value.trim() || null;
}
