import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['tests/unit/**/*.test.ts', 'simulations/**/*.test.ts', 'components/**/*.test.ts'],
    environment: 'node',
    // files under public/ (the ABR lab's real traces) for runs in Node, as the CLI reads them
    setupFiles: ['tests/unit/setup-assets.ts'],
    testTimeout: 30_000,
  },
});
