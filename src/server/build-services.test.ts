import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../config.js';
import { openDatabase } from '../infra/db/database.js';
import { Metrics } from '../infra/metrics/metrics.js';
import { buildServices } from './build-services.js';

test('each service is built once per process: every route and job handler gets the same instance', async () => {
  const database = await openDatabase({});
  try {
    let pokes = 0;
    const services = buildServices(loadConfig({}), database, new Metrics(), { poke: () => (pokes += 1) });
    assert.equal(services.at(), services.at());
    assert.equal(services.at().gateway, services.at().gateway);
    assert.equal(services.email(), services.email());
    assert.equal(services.webhooks(), services.webhooks());
    services.pokeWorker();
    assert.equal(pokes, 1);
    // Without a worker in this process, waking it is a no-op.
    assert.doesNotThrow(() => buildServices(loadConfig({}), database, new Metrics()).pokeWorker());
  } finally {
    await database.close();
  }
});

test('the shared batcher counts its group-commit batches in the process metrics', async () => {
  const database = await openDatabase({});
  try {
    const metrics = new Metrics();
    const services = buildServices(loadConfig({}), database, metrics);
    await services.batcher.run('account:1', async () => undefined);
    const batches = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name.includes('batch'));
    assert.ok(batches, 'a batch-size metric');
    const count = (batches.values as { metricName?: string; value: number }[]).find((v) =>
      v.metricName?.endsWith('_count'),
    );
    assert.equal(count?.value, 1);
  } finally {
    await database.close();
  }
});
