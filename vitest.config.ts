import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'renderer/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Native SQLite and Chromium: forks keep each file in its own process.
    pool: 'forks',
    // bin/uia.js runs the compiled CLI: rebuilt here when its sources changed.
    globalSetup: ['tests/support/build-cli.global.ts'],
  },
});
