/**
 * The layers of DESIGN.md as rules, checked in `npm test` (test/package/layers.test.ts): a
 * wrong import fails the build instead of waiting for review.
 */
const browser = '^src/(machine|react|components|shared)/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import circles make load order matter and hide which module owns what.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'machine-is-framework-free',
      severity: 'error',
      comment: 'The statechart never imports React, the UI, or server code.',
      from: { path: '^src/machine/' },
      to: {
        path: [
          '^src/(react|components|triggers|local-pool|doctor)/',
          '^node_modules/react(-dom)?/',
        ],
      },
    },
    {
      name: 'react-below-components',
      severity: 'error',
      comment: 'The headless layer never imports the drop-in or server code.',
      from: { path: '^src/react/' },
      to: { path: '^src/(components|triggers|local-pool|doctor)/' },
    },
    {
      name: 'components-are-browser-only',
      severity: 'error',
      comment: 'The drop-in composes the hook; it never imports server code.',
      from: { path: '^src/components/' },
      to: { path: '^src/(triggers|local-pool|doctor)/' },
    },
    {
      name: 'shared-stands-alone',
      severity: 'error',
      comment: 'What client and server share depends on neither.',
      from: { path: '^src/shared/' },
      to: { path: '^src/(?!shared/)' },
    },
    {
      name: 'triggers-are-server-only',
      severity: 'error',
      comment: 'Lambda handlers never import React, Amplify or the browser side.',
      from: { path: '^src/triggers/' },
      to: {
        path: [
          '^src/(machine|react|components|local-pool|doctor)/',
          '^node_modules/(react|react-dom|@aws-amplify|aws-amplify)/',
        ],
      },
    },
    {
      name: 'pool-runs-triggers-not-the-ui',
      severity: 'error',
      comment: 'The local pool serves the API and runs the triggers; it never imports the client.',
      from: { path: '^src/local-pool/' },
      to: {
        path: [
          '^src/(machine|react|components)/',
          '^node_modules/(react|react-dom|@aws-amplify|aws-amplify)/',
        ],
      },
    },
    {
      name: 'browser-entries-have-no-node-builtins',
      severity: 'error',
      comment: 'Nothing in the browser entries imports node: modules.',
      from: { path: browser },
      to: { dependencyTypes: ['core'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.d\\.ts$' },
  },
};
