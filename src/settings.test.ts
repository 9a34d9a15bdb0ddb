import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { TEST_SETTINGS, testSettings } from '../tests/test-settings.ts';
import {
  basePath,
  contentGlobs,
  ENVIRONMENT,
  environmentOf,
  environmentTable,
  loadSettings,
  outDir,
  type ParseContext,
  positiveInteger,
  readMailList,
  readMailSettings,
  readSettings,
  readTelegramSettings,
  SETTINGS,
  type SettingDeclarations,
  siteUrl,
} from './settings.ts';

/** What a parser gets for `name`, with `fallback` as its declared default. */
const context = (name: string, fallback: string, env = {}, root = '/work/project'): ParseContext => ({
  name,
  fallback,
  env,
  root,
});

describe('positiveInteger', () => {
  test.each([
    [undefined, 50],
    ['', 50],
    ['10', 10],
  ])('%j gives %j', (raw, expected) => {
    expect(positiveInteger(raw, context('FEED_LIMIT', '50'))).toBe(expected);
  });

  test.each(['0', '-3', '2.5', 'x', '1e9x'])('%j is refused with the variable name', (raw) => {
    expect(() => positiveInteger(raw, context('FEED_LIMIT', '50'))).toThrow(/FEED_LIMIT/);
  });
});

describe('siteUrl', () => {
  const site = (raw: string | undefined, env = {}) =>
    siteUrl(raw, context('SITE_URL', 'http://localhost:4321', env));
  test('defaults to localhost outside GitHub Actions, and is required inside', () => {
    expect(site(undefined)).toBe('http://localhost:4321');
    expect(() => site(undefined, { GITHUB_ACTIONS: 'true' })).toThrow(/SITE_URL/);
  });

  test('keeps only the origin: the base path has its own variable', () => {
    expect(site('https://user.github.io/')).toBe('https://user.github.io');
    expect(site('https://user.github.io/repo')).toBe('https://user.github.io');
  });

  test.each(['user.github.io', 'ftp://x.org'])('%j is refused', (raw) => {
    expect(() => site(raw)).toThrow(/SITE_URL/);
  });
});

describe('basePath', () => {
  test.each([
    [undefined, '/'],
    ['', '/'],
    ['/', '/'],
    ['paperboy', '/paperboy/'],
    ['/paperboy', '/paperboy/'],
    ['/paperboy/', '/paperboy/'],
    ['//a/b//', '/a/b/'],
  ])('%j gives %j', (raw, expected) => {
    expect(basePath(raw, context('BASE_PATH', '/'))).toBe(expected);
  });

  test('a URL is refused', () => {
    expect(() => basePath('https://x.org/p/', context('BASE_PATH', '/'))).toThrow(/BASE_PATH/);
  });
});

describe('the README', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  /** The rows of the first table after `heading`. */
  const tableAfter = (heading: string) => {
    const section = readme.slice(readme.indexOf(`\n${heading}\n`) + 1);
    const table = section.slice(section.indexOf('\n| ') + 1);
    return table
      .slice(0, table.indexOf('\n\n'))
      .split('\n')
      .filter((line) => line.startsWith('| `'));
  };

  test('its configuration table is the declared settings, defaults and meanings included', () => {
    expect(tableAfter('## Configuration')).toEqual(environmentTable(ENVIRONMENT));
  });

  test('its test settings table is the declared test settings', () => {
    expect(tableAfter('### Test settings')).toEqual(environmentTable(environmentOf(TEST_SETTINGS)));
  });
});

describe('the declarations', () => {
  const all: [string, SettingDeclarations][] = [
    ['src/settings.ts', SETTINGS],
    ['tests/test-settings.ts', TEST_SETTINGS],
  ];

  test.each(all)(
    '%s: each default is accepted by its own parser and is what an empty environment gives',
    (_, declarations) => {
      const values = readSettings(declarations, {}, '/work/project') as Record<string, unknown>;
      for (const [key, declaration] of Object.entries(declarations)) {
        const fromDefault = declaration.parse(
          declaration.default || undefined,
          context(declaration.name, declaration.default),
        );
        expect(values[key], declaration.name).toEqual(fromDefault);
      }
    },
  );

  test('no variable is declared twice, and none in both modules', () => {
    const names = all.flatMap(([, declarations]) => Object.values(declarations).map((entry) => entry.name));
    expect(names.length).toBe(new Set(names).size);
  });

  test('the tests’ settings are read like the site’s: on first use, naming the variable', () => {
    const values = readSettings(TEST_SETTINGS, { PAPERBOY_E2E_PORT: 'x', PLAYWRIGHT_CHROMIUM_PATH: '' });
    expect(values.chromiumPath).toBeUndefined();
    expect(() => values.e2ePort).toThrow(/PAPERBOY_E2E_PORT must be a positive whole number/);
    expect(typeof testSettings.propertySeed).toBe('number');
  });
});

describe('outDir', () => {
  test.each([
    [undefined, '/work/project/dist'],
    ['dist-root', '/work/project/dist-root'],
    ['/tmp/bench/dist', '/tmp/bench/dist'],
  ])('%j gives %j', (raw, expected) => {
    expect(outDir(raw, context('OUT_DIR', 'dist'))).toBe(expected);
  });

  test.each(['.', '..', '/work', 'src', 'content', './public', 'src/out'])(
    '%j is refused: astro build would empty it',
    (raw) => {
      expect(() => outDir(raw, context('OUT_DIR', 'dist'))).toThrow(/OUT_DIR/);
    },
  );
});

describe('contentGlobs', () => {
  const globs = (raw: string | undefined) =>
    contentGlobs(raw, context('PAPERBOY_CONTENT', 'content/papers/**/*.md'));
  test('splits and trims a comma-separated list, defaulting to the committed papers', () => {
    expect(globs(undefined)).toEqual(['content/papers/**/*.md']);
    expect(globs(' a/**/*.md , b/*.md,')).toEqual(['a/**/*.md', 'b/*.md']);
  });

  test.each(['/abs/**/*.md', '../outside/*.md', 'content/papers/**'])('%j is refused', (raw) => {
    expect(() => globs(raw)).toThrow(/PAPERBOY_CONTENT/);
  });
});

test('settings are read on first use, so a bad value fails only what needs it', () => {
  const settings = loadSettings({ FEED_LIMIT: 'x' });
  expect(settings.topicPageSize).toBe(50);
  expect(() => settings.feedLimit).toThrow(/FEED_LIMIT/);
});

test('day pages hold 50 papers unless DAY_PAGE_SIZE says otherwise', () => {
  expect(loadSettings({}).dayPageSize).toBe(50);
  expect(loadSettings({ DAY_PAGE_SIZE: '7' }).dayPageSize).toBe(7);
  expect(() => loadSettings({ DAY_PAGE_SIZE: '0' }).dayPageSize).toThrow(/DAY_PAGE_SIZE/);
});
describe('delivery settings', () => {
  const mail = {
    PAPERBOY_SMTP_URL: 'smtps://user:pa55word@smtp.example.org:465',
    PAPERBOY_MAIL_FROM: 'Paperboy <digest@example.org>',
    PAPERBOY_MAIL_TO: 'ada@example.org, bob@example.net,,ADA@example.org',
  };

  test('a channel without its secret is off', () => {
    const settings = loadSettings({});
    expect([settings.mail, settings.slack, settings.discord, settings.telegram, settings.webhook]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(settings.mailList).toBeUndefined();
  });

  test('e-mail: recipients once each, the unsubscribe address from the sender by default', () => {
    expect(readMailSettings(mail)).toEqual({
      smtpUrl: mail.PAPERBOY_SMTP_URL,
      from: mail.PAPERBOY_MAIL_FROM,
      to: ['ada@example.org', 'bob@example.net'],
      unsubscribe: 'mailto:digest@example.org?subject=unsubscribe',
      perMinute: 60,
      topic: undefined,
    });
    expect(readMailSettings({ ...mail, PAPERBOY_MAIL_UNSUBSCRIBE: 'leave@example.org' })?.unsubscribe).toBe(
      'mailto:leave@example.org?subject=unsubscribe',
    );
  });

  test.each([
    [
      { PAPERBOY_SMTP_URL: 'https://smtp.example.org' },
      /PAPERBOY_SMTP_URL must be an absolute smtp or smtps URL/,
    ],
    [{ PAPERBOY_MAIL_FROM: '' }, /PAPERBOY_MAIL_FROM must be set/],
    [
      { PAPERBOY_MAIL_TO: 'ada@example.org, not-an-address' },
      /PAPERBOY_MAIL_TO: entry 2 is not an e-mail address/,
    ],
    [{ PAPERBOY_MAIL_TOPIC: 'Not A Slug' }, /PAPERBOY_MAIL_TOPIC must be a topic slug/],
  ])('a bad e-mail setting is refused by name: %j', (change, message) => {
    expect(() => readMailSettings({ ...mail, ...change })).toThrow(message);
  });

  test('an error about a secret never shows its value', () => {
    const secrets = ['smtp-secret-host', 'not-an-address-secret', 'hooksecret', '999:bad token'];
    const errors: string[] = [];
    for (const env of [
      { ...mail, PAPERBOY_SMTP_URL: 'ftp://smtp-secret-host' },
      { ...mail, PAPERBOY_MAIL_TO: 'not-an-address-secret' },
      { PAPERBOY_SLACK_WEBHOOK_URL: 'hooksecret' },
      { PAPERBOY_TELEGRAM_BOT_TOKEN: '999:bad token' },
    ]) {
      const settings = loadSettings(env);
      try {
        void [settings.mail, settings.slack, settings.telegram];
      } catch (error) {
        errors.push((error as Error).message);
      }
    }
    expect(errors).toHaveLength(4);
    for (const secret of secrets) expect(errors.join('\n')).not.toContain(secret);
  });

  test('Telegram needs the chat with the token; its API can be moved for tests', () => {
    expect(() => readTelegramSettings({ PAPERBOY_TELEGRAM_BOT_TOKEN: '123:abc' })).toThrow(
      'PAPERBOY_TELEGRAM_CHAT_ID must be set when PAPERBOY_TELEGRAM_BOT_TOKEN is',
    );
    expect(
      readTelegramSettings({
        PAPERBOY_TELEGRAM_BOT_TOKEN: '123:abc',
        PAPERBOY_TELEGRAM_CHAT_ID: '@paperboy_news',
        PAPERBOY_TELEGRAM_API: 'http://127.0.0.1:9/',
      }),
    ).toEqual({ token: '123:abc', chatId: '@paperboy_news', api: 'http://127.0.0.1:9', topic: undefined });
  });

  test('/subscribe/ offers the e-mail list only with PAPERBOY_MAIL_SUBSCRIBE, and then must say how to leave', () => {
    expect(readMailList({ PAPERBOY_MAIL_FROM: mail.PAPERBOY_MAIL_FROM })).toBeUndefined();
    expect(
      readMailList({
        PAPERBOY_MAIL_SUBSCRIBE: 'join@example.org',
        PAPERBOY_MAIL_FROM: mail.PAPERBOY_MAIL_FROM,
      }),
    ).toEqual({
      subscribe: 'mailto:join@example.org?subject=subscribe',
      unsubscribe: 'mailto:digest@example.org?subject=unsubscribe',
    });
    expect(
      readMailList({
        PAPERBOY_MAIL_SUBSCRIBE: 'https://forms.example.org/join',
        PAPERBOY_MAIL_UNSUBSCRIBE: 'mailto:x@example.org?subject=stop',
      }),
    ).toEqual({
      subscribe: 'https://forms.example.org/join',
      unsubscribe: 'mailto:x@example.org?subject=stop',
    });
    expect(() => readMailList({ PAPERBOY_MAIL_SUBSCRIBE: 'join@example.org' })).toThrow(
      /set PAPERBOY_MAIL_FROM or PAPERBOY_MAIL_UNSUBSCRIBE/,
    );
  });
});
