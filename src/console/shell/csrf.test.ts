import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import { CSRF_IN_MULTIPART, csrfValid, installCsrf } from './csrf.js';

let app: FastifyInstance;
let jar = '';
let token = '';
before(async () => {
  app = Fastify();
  await app.register(formbody);
  await app.register(cookie);
  await installCsrf(app);
  // A stand-in for @fastify/multipart: the body stays unread text, as a streamed upload's is before its route reads it.
  app.addContentTypeParser(/^multipart\/form-data/, { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.get('/form', async (_request, reply) => reply.generateCsrf());
  app.post('/plain', async () => 'done');
  app.post('/upload', { config: CSRF_IN_MULTIPART }, async (request, reply) => {
    const field = /_csrf=([^&]*)/.exec(String(request.body))?.[1];
    if (!csrfValid(request, reply, field && decodeURIComponent(field))) return reply.status(403).send('refused');
    return 'uploaded';
  });
  const form = await app.inject({ method: 'GET', url: '/form' });
  jar = String([form.headers['set-cookie']].flat()[0]).split(';')[0];
  token = form.body;
});
after(async () => {
  await app?.close();
});

const send = (url: string, payload: string, headers: Record<string, string>) =>
  app.inject({ method: 'POST', url, payload, headers: { cookie: jar, ...headers } });
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const MULTIPART = { 'content-type': 'multipart/form-data; boundary=x' };

test('a write needs the token: form field or header; none or a wrong one is 403 before the handler', async () => {
  assert.equal((await send('/plain', `_csrf=${encodeURIComponent(token)}`, FORM)).statusCode, 200);
  assert.equal((await send('/plain', '', { ...FORM, 'x-csrf-token': token })).statusCode, 200);
  assert.equal((await send('/plain', 'a=1', FORM)).statusCode, 403);
  assert.equal((await send('/plain', `_csrf=${token}x`, FORM)).statusCode, 403);
  assert.equal(
    (await app.inject({ method: 'POST', url: '/plain', payload: `_csrf=${token}`, headers: FORM })).statusCode,
    403,
  );
});

test('multipart: the query token for any route; a field token only where the route declares it and checks it', async () => {
  const q = `?_csrf=${encodeURIComponent(token)}`;
  assert.equal((await send(`/plain${q}`, 'x', MULTIPART)).statusCode, 200);
  assert.equal(
    (await send('/plain', `_csrf=${token}`, MULTIPART)).statusCode,
    403,
    'field ignored on an undeclared route',
  );
  assert.equal((await send('/upload', `_csrf=${encodeURIComponent(token)}`, MULTIPART)).body, 'uploaded');
  assert.equal((await send('/upload', '_csrf=forged', MULTIPART)).statusCode, 403);
  assert.equal((await send('/upload', 'no-field', MULTIPART)).statusCode, 403);
  assert.equal(
    (await send('/upload?_csrf=forged', `_csrf=${token}`, MULTIPART)).statusCode,
    403,
    'a bad query token is checked',
  );
  // The query token only counts for multipart: a urlencoded write must carry it in its body or header.
  assert.equal((await send(`/plain${q}`, 'a=1', FORM)).statusCode, 403);
});
