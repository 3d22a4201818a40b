import { defineConfig } from 'vitest/config';

// Slow: installs consumer projects from the registry. `npm run test:consumers`, run by CI.
export default defineConfig({
  test: {
    name: 'consumers',
    root: import.meta.dirname,
    include: ['consumers.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 600_000,
  },
});
