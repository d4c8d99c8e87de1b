import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Browser tests: a production server (`next start` on 127.0.0.1) is started once by the global
// setup; every test drives Debian's Chromium through playwright-core.
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/support/server.ts'],
    testTimeout: 90_000,
    hookTimeout: 90_000,
    fileParallelism: false,
  },
});
