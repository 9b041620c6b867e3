// Builds dist/data-template: an empty PGlite data directory with every migration applied, which a first start on an
// empty DATA_DIR copies instead of running initdb (src/infra/db/data-dir-template.ts). Run by `npm run build`.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../dist/src/infra/db/database.js';
import { migrate } from '../dist/src/infra/db/migrate.js';
import { LOCK_FILE } from '../dist/src/infra/db/data-dir-lock.js';
import { defaultTemplateDir, removeTemplate, stampTemplate } from '../dist/src/infra/db/data-dir-template.js';

const dir = defaultTemplateDir();
removeTemplate(dir);
const database = await openDatabase({ dataDir: dir, template: false });
try {
  await migrate(database);
} finally {
  await database.close();
}
rmSync(join(dir, LOCK_FILE), { force: true });
stampTemplate(dir);
