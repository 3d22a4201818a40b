import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumLaunchOptions } from './test/support/chromium.ts';

/**
 * A node_modules folder holding another React (with its react-dom and Testing Library): the
 * dom tests then run on that React. `npm run test:consumers` points it at React 18.
 */
const otherReact = process.env.DOM_REACT_MODULES;

export default defineConfig({
  test: {
    restoreMocks: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: [
            'test/{machine,package,triggers,local-pool,security,doctor,compat,cdk}/**/*.test.ts',
          ],
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          alias: otherReact
            ? [
                {
                  find: /^(react|react-dom|@testing-library\/react)(\/.*)?$/,
                  replacement: `${otherReact}/$1$2`,
                },
              ]
            : [],
          include: ['test/{react,components}/**/*.test.tsx'],
          setupFiles: ['test/support/dom-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        plugins: [storybookTest({ configDir: '.storybook' })],
        test: {
          name: 'storybook',
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: chromiumLaunchOptions,
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
