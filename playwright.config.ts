import { defineConfig, devices } from '@playwright/test';
import { E2E_SITES, siteEnvironment } from './e2e/builds.ts';
import { testSettings } from './tests/test-settings.ts';

const executablePath = testSettings.chromiumPath;
// No test reaches the internet: names other than the e2e sites' do not resolve (record thumbnails
// are third-party images; tests that load them answer them locally).
const launchOptions = {
  ...(executablePath ? { executablePath } : {}),
  args: ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
};

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  forbidOnly: testSettings.ci,
  retries: 0,
  workers: testSettings.ci ? 2 : undefined,
  reporter: testSettings.ci ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: { trace: 'retain-on-failure' },
  projects: E2E_SITES.map((site) => ({
    name: site.name,
    use: {
      ...devices['Desktop Chrome'],
      launchOptions,
      baseURL: `http://127.0.0.1:${site.port}${site.base}`,
    },
  })),
  webServer: E2E_SITES.map((site) => ({
    // --ignore-lock: Astro 7 allows one preview server per project unless told otherwise; these are two.
    command: `npx astro preview --ignore-lock --host 127.0.0.1 --port ${site.port}`,
    env: siteEnvironment(site),
    url: `http://127.0.0.1:${site.port}${site.base}`,
    reuseExistingServer: !testSettings.ci,
    timeout: 60_000,
  })),
});
