/** The layer rule: domain is pure; the application layer knows no HTTP and no vendor; dialects are edges. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'domain/ holds rules and calculations only: no application, storage, HTTP, dialects, or I/O modules.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: {
        pathNot: ['^src/domain/', 'node_modules/decimal\\.js', '^crypto$', '^node:crypto$'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'domain-no-io-builtins',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { dependencyTypes: ['core'], pathNot: ['^crypto$', '^node:crypto$'] },
    },
    {
      name: 'app-knows-no-edge',
      comment: 'Use cases take a transaction handle; they never import HTTP, dialects, exports or rendering.',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { path: '^src/(http|dialects|console|exports|render|bin|server|integrations)/' },
    },
    {
      name: 'dialects-are-leaves',
      comment: 'Nothing depends on a dialect except the composition root (src/server/) that mounts it.',
      severity: 'error',
      from: { pathNot: ['^src/dialects/', '^src/server/'] },
      to: { path: '^src/dialects/' },
    },
    {
      name: 'row-types-stay-in-storage',
      comment:
        'The table row types (infra/db/schema) are read only by storage (infra/) and the use cases (app/, the repositories); every edge reads app types and the IssuedDocument.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/infra/', '^src/app/'] },
      to: { path: '^src/infra/db/schema\\.ts$' },
    },
    {
      name: 'sql-stays-in-storage',
      comment:
        'Queries are built only in infra/ and app/ (the use cases are the repositories): no edge imports the query builder.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/infra/', '^src/app/'] },
      to: { path: 'node_modules/kysely/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'the-root-opens-the-database',
      comment:
        'Opening and migrating the database and building the group-commit batcher belong to the process entry points: the composition root, the CLI and its admin commands.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/infra/', '^src/server/', '^src/bin/', '^src/admin/'] },
      to: { path: '^src/infra/db/(database|migrate|transaction-batcher)\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'console-is-a-leaf',
      comment: 'The web console is an edge like a dialect: only the composition root (src/server/) mounts it.',
      severity: 'error',
      from: { pathNot: ['^src/console/', '^src/server/'] },
      to: { path: '^src/console/' },
    },
    {
      name: 'dialects-use-only-the-kit',
      comment:
        'A dialect reaches HTTP plumbing through the kit (src/http/kit/), never through the native API internals.',
      severity: 'error',
      from: { path: '^src/dialects/' },
      to: { path: '^src/http/', pathNot: '^src/http/kit/' },
    },
    {
      name: 'services-built-at-the-root',
      comment: 'Services (batcher, AT, e-mail, webhooks) are constructed once, in the composition root (src/server/).',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/server/', '^src/integrations/'] },
      to: { path: ['^src/integrations/(at|email|webhooks)/runtime\\.ts$'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
