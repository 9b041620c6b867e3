// Copies non-TypeScript runtime assets (SQL migrations, the e-invoice rules and schemas, the console's views and assets) next to the compiled code.
import { cpSync } from 'node:fs';
cpSync('src/infra/db/migrations', 'dist/src/infra/db/migrations', { recursive: true });
cpSync('assets/einvoice', 'dist/assets/einvoice', { recursive: true });
// The console's views (.eta) and browser assets (CSS, JS, icons): everything under src/console that is not TypeScript.
cpSync('src/console', 'dist/src/console', { recursive: true, filter: (src) => !src.endsWith('.ts') });
