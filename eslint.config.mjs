import nx from '@nx/eslint-plugin';

// Module boundaries are the architecture: an app never imports another app, contracts import
// nothing of ours, and test-only or dev tooling never reaches production code.
export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/.data', '**/.cache', '**/.nx', '**/*.js', '**/*.mjs'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', 'type:testing'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', 'type:tooling'] },
            // End-to-end tests drive services as processes over HTTP and Kafka; they import no app.
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:testing', 'type:lib', 'type:contracts', 'type:tooling'] },
            { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', 'type:tooling'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // A lib's integration tests (its `test/` folder) boot a test-only service with the shared test helpers.
    files: ['libs/*/test/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [{ sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', 'type:testing'] }],
        },
      ],
    },
  },
  {
    // Production sources of apps and libs: no test helpers, no dev infrastructure.
    files: ['apps/*/src/**/*.ts', 'libs/{attachments,auth,calendar,contracts,messaging,persistence,platform,report-export,unit-directory}/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [
          { name: '@tequio/testing', message: 'Test helpers stay in tests.' },
          { name: '@tequio/devstack', message: 'Local infrastructure stays in tools and tests.' },
        ] },
      ],
    },
  },
];
