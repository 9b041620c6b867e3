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
      to: { path: '^src/(http|dialects|exports|render|bin)/' },
    },
    {
      name: 'dialects-are-leaves',
      comment: 'Nothing depends on a dialect except the composition root (src/server/) that mounts it.',
      severity: 'error',
      from: { pathNot: ['^src/dialects/', '^src/server/'] },
      to: { path: '^src/dialects/' },
    },
    {
      name: 'dialects-do-not-touch-storage',
      comment: 'A dialect maps vendor requests onto use cases; it does not query the database itself.',
      severity: 'error',
      from: { path: '^src/dialects/' },
      to: { path: '^src/infra/db/(database|migrate)' },
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
