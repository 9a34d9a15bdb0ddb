import { flag, positiveInteger, readSettings, type SettingDeclarations } from '../src/settings.ts';

/**
 * The settings of the tests and the tools that drive a browser: how long the property-based tests hunt,
 * which Chromium Playwright and the screenshots use, and where the e2e sites listen. Declared as the
 * site's own settings are (`src/settings.ts`), and kept apart from them: nothing here changes what the
 * site builds. The README's "Test settings" table is checked against `TEST_SETTINGS`.
 */
export const TEST_SETTINGS = {
  propertyRuns: {
    name: 'PAPERBOY_PROPERTY_RUNS',
    default: '500',
    meaning:
      'generated inputs per property in the property-based tests (`npm run test:unit`); raise it for a longer hunt',
    parse: positiveInteger,
  },
  propertySeed: {
    name: 'PAPERBOY_PROPERTY_SEED',
    default: '20260728',
    meaning: 'the seed of those generated inputs; a failing run prints the seed and path that replay it',
    parse: positiveInteger,
  },
  chromiumPath: {
    name: 'PLAYWRIGHT_CHROMIUM_PATH',
    default: '/usr/bin/chromium',
    meaning: 'the Chromium that tests and screenshots drive; empty for Playwright’s own browser',
    // Unset: Debian's Chromium (Playwright's own download is not reachable everywhere); empty: Playwright's.
    parse: (raw: string | undefined, { fallback }) => (raw ?? fallback) || undefined,
  },
  e2ePort: {
    name: 'PAPERBOY_E2E_PORT',
    default: '4321',
    meaning: 'the port of the e2e suite’s base-path site; the root site takes the next one',
    parse: positiveInteger,
  },
  ci: {
    name: 'CI',
    default: '',
    meaning:
      'set by CI services: Playwright then forbids `test.only`, uses 2 workers and starts its own servers',
    parse: flag,
  },
} as const satisfies SettingDeclarations;

export const testSettings = readSettings(TEST_SETTINGS, process.env);
