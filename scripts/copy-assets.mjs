// Copies non-TypeScript runtime assets (SQL migrations, the e-invoice rules and schemas) next to the compiled code.
import { cpSync } from 'node:fs';
cpSync('src/infra/db/migrations', 'dist/src/infra/db/migrations', { recursive: true });
cpSync('assets/einvoice', 'dist/assets/einvoice', { recursive: true });
