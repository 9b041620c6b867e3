// Copies non-TypeScript runtime assets (SQL migrations) next to the compiled code.
import { cpSync } from 'node:fs';
cpSync('src/infra/db/migrations', 'dist/src/infra/db/migrations', { recursive: true });
