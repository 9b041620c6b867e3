import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type JobOutcome = 'done' | 'retry' | 'dead';

const HTTP_LABELS = ['method', 'route', 'status_code'] as const;

/**
 * The Prometheus instruments of one server instance, on a registry of its own (never prom-client's global one:
 * tests start many servers in one process). Counters count in this process only: sum them across processes.
 */
export class Metrics {
  readonly registry = new Registry();
  private defaults = false;

  readonly httpRequests = new Counter({
    name: 'faturador_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code.',
    labelNames: HTTP_LABELS,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'faturador_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status code.',
    labelNames: HTTP_LABELS,
    registers: [this.registry],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  readonly documentsIssued = new Counter({
    name: 'faturador_documents_issued_total',
    help: 'Documents finalized (numbered and signed), by document type, counted once committed.',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });
  readonly batchSize = new Histogram({
    name: 'faturador_group_commit_batch_size',
    help: 'Write requests of one account committed together in one transaction.',
    registers: [this.registry],
    buckets: [1, 2, 4, 8, 16, 32, 64],
  });
  readonly jobs = new Counter({
    name: 'faturador_jobs_total',
    help: 'Outbox jobs run by this process: done, failed and retried later, or dead (given up).',
    labelNames: ['kind', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly jobDuration = new Histogram({
    name: 'faturador_job_duration_seconds',
    help: 'Time to run an outbox job, by kind.',
    labelNames: ['kind'] as const,
    registers: [this.registry],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  });
  readonly emailDeliveries = new Counter({
    name: 'faturador_email_deliveries_total',
    help: 'SMTP send attempts: sent, retryable failure, or permanent refusal.',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  readonly webhookDeliveries = new Counter({
    name: 'faturador_webhook_deliveries_total',
    help: 'Webhook delivery attempts by status class (2xx, 4xx, 5xx…, or "none" when no answer came).',
    labelNames: ['status_class'] as const,
    registers: [this.registry],
  });
  readonly atCommunications = new Counter({
    name: 'faturador_at_communications_total',
    help: 'Calls to AT webservices by operation and outcome (success, retryable, permanent).',
    labelNames: ['operation', 'outcome'] as const,
    registers: [this.registry],
  });

  /** Process metrics of prom-client: CPU, memory, GC, event-loop delay (nodejs_eventloop_lag_*). Once per registry. */
  collectProcessMetrics(): void {
    if (this.defaults) return;
    this.defaults = true;
    collectDefaultMetrics({ register: this.registry });
  }

  readonly observeBatch = (size: number): void => {
    this.batchSize.observe(size);
  };

  readonly jobResult = (kind: string, outcome: JobOutcome, seconds: number): void => {
    this.jobs.inc({ kind, outcome });
    this.jobDuration.observe({ kind }, seconds);
  };
}
