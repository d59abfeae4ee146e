import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{sim,cli,server,scenarios,viewer,bench}/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
