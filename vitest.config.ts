import { defineConfig } from 'vitest/config';

// Unit tests live beside the code they pin; e2e/ belongs to Playwright.
export default defineConfig({
  test: { include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'] },
});
