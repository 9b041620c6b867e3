// Regenerates the TypeScript client's types from the native API's OpenAPI document (npm run client:generate):
// clients/typescript/openapi.json (the document as served, with a fixed server URL) and
// clients/typescript/schema.d.ts (openapi-typescript). test/api/ts-client.test.ts fails when they are stale.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { openapiDocuments } from './openapi-build.mjs';

const dir = 'clients/typescript';
const { native } = await openapiDocuments();
writeFileSync(`${dir}/openapi.json`, `${JSON.stringify(native, null, 2)}\n`);
const r = spawnSync('npx', ['openapi-typescript', `${dir}/openapi.json`, '-o', `${dir}/schema.d.ts`], {
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
