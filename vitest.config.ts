import { defineConfig } from 'vitest/config';

// Unit tests live beside the code they pin; e2e/ belongs to Playwright. A test's time limit is generous
// because the suite runs its CLI and property tests side by side on two cores: a limit is there to stop
// a hang, not to measure speed (benchmarks and the linear-time checks do that).
export default defineConfig({
  test: { include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'], testTimeout: 30_000 },
});
