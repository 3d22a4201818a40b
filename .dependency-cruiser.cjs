/**
 * The layers of DESIGN.md as rules, checked in `npm test` (test/package/layers.test.ts): a
 * wrong import fails the build instead of waiting for review.
 *
 * A challenge type's folder (src/challenges/<type>/) holds a file for each layer, named by
 * its role, and each obeys its layer's rules: `protocol.ts` is shared by client and server,
 * `*step.ts` and `server/` run in the triggers, `*client.ts` beside the statechart, `*.tsx` in
 * the drop-in, `pool.ts` in the local pool.
 */
const challenge = {
  protocol: '^src/challenges/([a-z-]+/protocol|protocols?)\\.ts$',
  server: '^src/challenges/[a-z-]+/(server/|[a-z-]*step\\.ts$)',
  client: '^src/challenges/[a-z-]+/[a-z-]*client\\.ts$',
  ui: '^src/challenges/[a-z-]+/[^/]+\\.tsx$',
  pool: '^src/challenges/[a-z-]+/pool\\.ts$',
};
const browser = [
  '^src/(machine|react|components|shared)/',
  challenge.protocol,
  challenge.client,
  challenge.ui,
];
const reactModules = '^node_modules/(react|react-dom)/';
const amplifyModules = '^node_modules/(@aws-amplify|aws-amplify)/';

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
      from: { path: ['^src/machine/', challenge.client] },
      to: {
        path: [
          '^src/(react|components|triggers|local-pool|doctor)/',
          challenge.server,
          challenge.ui,
          challenge.pool,
          reactModules,
        ],
      },
    },
    {
      name: 'react-below-components',
      severity: 'error',
      comment: 'The headless layer never imports the drop-in or server code.',
      from: { path: '^src/react/' },
      to: {
        path: [
          '^src/(components|triggers|local-pool|doctor)/',
          challenge.server,
          challenge.ui,
          challenge.pool,
        ],
      },
    },
    {
      name: 'components-are-browser-only',
      severity: 'error',
      comment: 'The drop-in composes the hook; it never imports server code.',
      from: { path: ['^src/components/', challenge.ui] },
      to: { path: ['^src/(triggers|local-pool|doctor)/', challenge.server, challenge.pool] },
    },
    {
      name: 'shared-stands-alone',
      severity: 'error',
      comment: 'What client and server share depends on neither.',
      from: { path: ['^src/shared/', challenge.protocol] },
      to: { pathNot: ['^src/shared/', challenge.protocol] },
    },
    {
      name: 'triggers-are-server-only',
      severity: 'error',
      comment: 'Lambda handlers never import React, Amplify or the browser side.',
      from: { path: ['^src/triggers/', challenge.server] },
      to: {
        path: [
          '^src/(machine|react|components|local-pool|doctor)/',
          challenge.client,
          challenge.ui,
          challenge.pool,
          reactModules,
          amplifyModules,
        ],
      },
    },
    {
      name: 'pool-runs-triggers-not-the-ui',
      severity: 'error',
      comment: 'The local pool serves the API and runs the triggers; it never imports the client.',
      from: { path: ['^src/local-pool/', challenge.pool] },
      to: {
        path: [
          '^src/(machine|react|components)/',
          challenge.client,
          challenge.ui,
          reactModules,
          amplifyModules,
        ],
      },
    },
    {
      name: 'cdk-builds-the-backend-only',
      severity: 'error',
      comment:
        'The deploy construct names the triggers it deploys; it never imports the client, and nothing but it imports aws-cdk-lib.',
      from: { path: '^src/cdk/' },
      to: {
        path: [
          '^src/(machine|react|components|local-pool|doctor)/',
          challenge.client,
          challenge.ui,
          reactModules,
          amplifyModules,
        ],
      },
    },
    {
      name: 'only-cdk-imports-the-cdk',
      severity: 'error',
      comment: 'aws-cdk-lib and constructs are optional peers: only the cdk entry may load them.',
      from: { path: '^src/', pathNot: '^src/cdk/' },
      to: { path: ['^src/cdk/', '^node_modules/(aws-cdk-lib|constructs)/'] },
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
