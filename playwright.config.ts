import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium (`apt-get install chromium`) by default: Playwright's own browser download is
// not reachable everywhere. Set PLAYWRIGHT_CHROMIUM_PATH='' to use Playwright's bundled browser.
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium';
const launchOptions = executablePath ? { executablePath } : {};

// `npm run build:e2e` builds the site twice: under a GitHub Pages sub-path into dist/, at the root into dist-root/.
const sites = [
  { name: 'base-path', port: 4321, base: '/paperboy/', outDir: 'dist' },
  { name: 'root', port: 4322, base: '/', outDir: 'dist-root' },
];

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: process.env.CI ? 2 : undefined,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: { trace: 'retain-on-failure' },
  projects: sites.map((site) => ({
    name: site.name,
    use: {
      ...devices['Desktop Chrome'],
      launchOptions,
      baseURL: `http://127.0.0.1:${site.port}${site.base}`,
    },
  })),
  webServer: sites.map((site) => ({
    // --ignore-lock: Astro 7 allows one preview server per project unless told otherwise; these are two.
    command: `BASE_PATH=${site.base} OUT_DIR=${site.outDir} npx astro preview --ignore-lock --host 127.0.0.1 --port ${site.port}`,
    url: `http://127.0.0.1:${site.port}${site.base}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  })),
});
