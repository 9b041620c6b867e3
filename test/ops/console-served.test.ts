import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { childDatabase, serveWithStreams, type Served } from './serve-process.js';

// `faturador serve` as `npm start` runs it (the bundle in dist/src/bin/ when built, as in CI): the console's views
// and assets are found from there too. Bundled, the console's folder is not beside the code that renders it, and
// the console answered 500 with its stylesheet 404 while every test that builds the app in-process passed.
let s: Served;
let db: Awaited<ReturnType<typeof childDatabase>>;
before(async () => {
  db = await childDatabase();
  s = await serveWithStreams(db.env);
});
after(async () => {
  await s?.stop();
  await db?.cleanup();
});

test('the console signs in and serves its assets from the server as started', async () => {
  const page = await fetch(`${s.url}/console/sign-in`);
  assert.equal(page.status, 200, await page.clone().text());
  const html = await page.text();
  const css = /href="(\/console\/assets\/[^"]+\.css)"/.exec(html)?.[1];
  assert.ok(css, 'the page links its stylesheet');
  const asset = await fetch(`${s.url}${css}`);
  assert.equal(asset.status, 200);
  assert.match(asset.headers.get('content-type') ?? '', /text\/css/);
  assert.doesNotMatch(s.stdout(), /"root" path .* must exist/);
});
