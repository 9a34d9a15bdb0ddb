import { isAbsolute, relative, resolve } from 'node:path';

/**
 * Every setting Paperboy has, and the only module that reads environment variables: the Astro config,
 * the content config, the pages, the Playwright config and the scripts all import `settings` from
 * here. Each variable is checked when first used, so a typo in a deploy workflow stops the build with
 * a message instead of publishing an empty feed or localhost links. The README's configuration table
 * is checked against `ENVIRONMENT` by a test.
 */

export type Env = Readonly<Record<string, string | undefined>>;

/** One environment variable: its name, its default as the README shows it, and what it means. */
export interface EnvironmentVariable {
  name: string;
  default: string;
  meaning: string;
}

/** Every environment variable, in README order. */
export const ENVIRONMENT: readonly EnvironmentVariable[] = [
  {
    name: 'SITE_URL',
    default: 'http://localhost:4321',
    meaning: 'the site’s origin, for feeds and canonical links; required on GitHub Actions',
  },
  {
    name: 'BASE_PATH',
    default: '/',
    meaning: 'the path the site lives under, e.g. `/paperboy/` for `https://USER.github.io/paperboy/`',
  },
  {
    name: 'OUT_DIR',
    default: 'dist',
    meaning: 'where `astro build` writes the site (the e2e suite builds a second copy into `dist-root`)',
  },
  {
    name: 'PAPERBOY_CACHE_DIR',
    default: 'node_modules/.astro',
    meaning:
      "Astro's cache folder (the content store, the incremental build's pages) and the search index's unchanged shards; the deploy workflow keeps it between runs",
  },
  {
    name: 'FEED_LIMIT',
    default: '50',
    meaning: 'items in each feed: `/rss.xml`, `/atom.xml`, `/feed.json` and each topic’s',
  },
  { name: 'TOPIC_PAGE_SIZE', default: '20', meaning: 'papers per topic page' },
  { name: 'DAY_PAGE_SIZE', default: '50', meaning: 'papers per day page (the home page shows the first)' },
  {
    name: 'PAPERBOY_CONTENT',
    default: 'content/papers/**/*.md',
    meaning:
      'comma-separated globs of paper files, relative to the project root (the e2e suite adds `tests/fixtures/papers`, the benchmark its generated papers)',
  },
  {
    name: 'PAPERBOY_SEARCH_SHARD_SIZE',
    default: '2000',
    meaning:
      'most papers in one search index shard (runs of whole months, newest first; a larger month is split by day); the search page loads the newest shard first',
  },
  {
    name: 'PAPERBOY_HF_API',
    default: 'https://huggingface.co/api',
    meaning:
      'the Hugging Face API that `npm run fetch -- hf` asks; it appends `/daily_papers?date=YYYY-MM-DD`',
  },
  {
    name: 'PAPERBOY_ARXIV_API',
    default: 'https://export.arxiv.org/api/query',
    meaning: 'the arXiv query API that `npm run fetch -- arxiv` asks',
  },
  {
    name: 'PAPERBOY_FETCH_TIMEOUT_MS',
    default: '30000',
    meaning: 'milliseconds `npm run fetch` waits for a whole response before it gives up on that attempt',
  },
  {
    name: 'PAPERBOY_FETCH_BACKOFF_MS',
    default: '2000',
    meaning:
      'milliseconds `npm run fetch` waits before its first retry, doubled before each next one (at most a minute)',
  },
  {
    name: 'PAPERBOY_ARXIV_DELAY_MS',
    default: '3000',
    meaning: 'milliseconds between two requests to arXiv, which asks for at least 3 seconds',
  },
  {
    name: 'PAPERBOY_SMTP_URL',
    default: '',
    meaning:
      'secret: the SMTP server `npm run deliver -- email` sends through, e.g. `smtps://USER:PASSWORD@smtp.example.org:465`; e-mail is off while unset',
  },
  {
    name: 'PAPERBOY_MAIL_FROM',
    default: '',
    meaning: 'the e-mail’s sender, `Paperboy <digest@example.org>`; required with `PAPERBOY_SMTP_URL`',
  },
  {
    name: 'PAPERBOY_MAIL_TO',
    default: '',
    meaning:
      'secret: the recipients, comma-separated; each gets a message of their own, addressed to them alone',
  },
  {
    name: 'PAPERBOY_MAIL_UNSUBSCRIBE',
    default: '',
    meaning:
      'where readers ask to leave (an address or a `mailto:` URL), for the `List-Unsubscribe` header and `/subscribe/`; default: the sender’s address with the subject “unsubscribe”',
  },
  {
    name: 'PAPERBOY_MAIL_SUBSCRIBE',
    default: '',
    meaning:
      'where readers ask to join the e-mail list (an address or an https URL); when set, `/subscribe/` says how to join and leave it (read by the build)',
  },
  {
    name: 'PAPERBOY_MAIL_PER_MINUTE',
    default: '60',
    meaning: 'most e-mails sent in one minute; more recipients go in batches a minute apart',
  },
  {
    name: 'PAPERBOY_MAIL_TOPIC',
    default: '',
    meaning: 'a topic slug: the e-mail then carries only that topic’s papers of the day',
  },
  {
    name: 'PAPERBOY_SLACK_WEBHOOK_URL',
    default: '',
    meaning: 'secret: a Slack incoming webhook URL; Slack is off while unset',
  },
  { name: 'PAPERBOY_SLACK_TOPIC', default: '', meaning: 'a topic slug: Slack gets only that topic’s papers' },
  {
    name: 'PAPERBOY_DISCORD_WEBHOOK_URL',
    default: '',
    meaning: 'secret: a Discord channel webhook URL; Discord is off while unset',
  },
  {
    name: 'PAPERBOY_DISCORD_TOPIC',
    default: '',
    meaning: 'a topic slug: Discord gets only that topic’s papers',
  },
  {
    name: 'PAPERBOY_TELEGRAM_BOT_TOKEN',
    default: '',
    meaning: 'secret: the Telegram bot’s token (from @BotFather); Telegram is off while unset',
  },
  {
    name: 'PAPERBOY_TELEGRAM_CHAT_ID',
    default: '',
    meaning: 'secret: the chat the bot posts to (a numeric id or `@channelname`); required with the token',
  },
  {
    name: 'PAPERBOY_TELEGRAM_API',
    default: 'https://api.telegram.org',
    meaning: 'the Telegram Bot API that `npm run deliver -- telegram` posts to',
  },
  {
    name: 'PAPERBOY_TELEGRAM_TOPIC',
    default: '',
    meaning: 'a topic slug: Telegram gets only that topic’s papers',
  },
  {
    name: 'PAPERBOY_WEBHOOK_URL',
    default: '',
    meaning: 'secret: a URL that gets each day as a JSON Feed 1.1 document by POST; off while unset',
  },
  {
    name: 'PAPERBOY_WEBHOOK_SECRET',
    default: '',
    meaning:
      'secret: the key of the webhook’s `X-Paperboy-Signature: sha256=…` (HMAC-SHA256 of the body); unsigned while unset',
  },
  {
    name: 'PAPERBOY_WEBHOOK_TOPIC',
    default: '',
    meaning: 'a topic slug: the webhook gets only that topic’s papers',
  },
  {
    name: 'PAPERBOY_DELIVER_DAYS',
    default: '2',
    meaning:
      'how far back `npm run deliver` looks for days not yet sent: today and the days before it, in UTC (`--day` sends any day)',
  },
  {
    name: 'PAPERBOY_DELIVER_STATE',
    default: 'content/delivery-state.json',
    meaning: 'the file that records which day went to which channel, and when (committed)',
  },
  {
    name: 'PAPERBOY_DELIVER_TIMEOUT_MS',
    default: '30000',
    meaning:
      'milliseconds `npm run deliver` waits for a webhook’s answer; a POST that times out is not sent again (it may have arrived)',
  },
  {
    name: 'PAPERBOY_DELIVER_BACKOFF_MS',
    default: '2000',
    meaning:
      'milliseconds `npm run deliver` waits before resending a POST answered 429 or 5xx, doubled each time (or what `Retry-After` asks, at most a minute)',
  },
  {
    name: 'PAPERBOY_PROPERTY_RUNS',
    default: '500',
    meaning:
      'generated inputs per property in the property-based tests (`npm run test:unit`); raise it for a longer hunt',
  },
  {
    name: 'PAPERBOY_PROPERTY_SEED',
    default: '20260728',
    meaning: 'the seed of those generated inputs; a failing run prints the seed and path that replay it',
  },
  {
    name: 'PLAYWRIGHT_CHROMIUM_PATH',
    default: '/usr/bin/chromium',
    meaning: 'the Chromium that tests and screenshots drive; empty for Playwright’s own browser',
  },
  {
    name: 'PAPERBOY_E2E_PORT',
    default: '4321',
    meaning: 'the port of the e2e suite’s base-path site; the root site takes the next one',
  },
  {
    name: 'CI',
    default: '',
    meaning:
      'set by CI services: Playwright then forbids `test.only`, uses 2 workers and starts its own servers',
  },
  {
    name: 'GITHUB_ACTIONS',
    default: '',
    meaning: 'set by GitHub Actions: `SITE_URL` must then be set',
  },
  {
    name: 'GITHUB_RUN_ID',
    default: '',
    meaning: 'set by GitHub Actions: `npm run deliver` names the run in each claim it records',
  },
  {
    name: 'GITHUB_REPOSITORY',
    default: '',
    meaning: 'set by GitHub Actions (`OWNER/REPO`): `npm run fetch` names the repository in its User-Agent',
  },
];

/** A positive whole number, or the fallback when the variable is unset. */
export function readPositiveInteger(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return value;
}

/** The site's origin. Required on GitHub Actions, where a localhost default would end up in feeds. */
export function readSiteUrl(env: Env): string {
  if (!env.SITE_URL) {
    if (env.GITHUB_ACTIONS === 'true')
      throw new Error('SITE_URL must be set when building on GitHub Actions');
    return 'http://localhost:4321';
  }
  return new URL(readHttpUrl(env, 'SITE_URL', 'https://user.github.io')).origin;
}

/** The path the site lives under, always with leading and trailing slashes (`/`, `/paperboy/`). */
export function readBasePath(env: Env): string {
  const raw = (env.BASE_PATH ?? '').trim();
  if (raw.includes('://')) throw new Error(`BASE_PATH is a path like /paperboy/, not a URL: "${raw}"`);
  const trimmed = raw.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/** An absolute http(s) URL, or the fallback when the variable is unset. */
export function readHttpUrl(env: Env, name: string, fallback: string): string {
  const raw = (env[name] ?? '').trim();
  if (raw === '') return fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${name} must be an absolute http(s) URL like ${fallback}, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`${name} must be an http(s) URL, got "${raw}"`);
  return raw;
}

/** A secret's value, or undefined when it is unset or blank. Messages about a secret never show its value. */
function readSecret(env: Env, name: string): string | undefined {
  const raw = (env[name] ?? '').trim();
  return raw === '' ? undefined : raw;
}

/** A URL that holds a token (a webhook's): checked like `readHttpUrl`, but a bad one is not echoed. */
export function readSecretUrl(env: Env, name: string, protocols = ['http:', 'https:']): string | undefined {
  const raw = readSecret(env, name);
  if (raw === undefined) return undefined;
  const expected = protocols.map((protocol) => protocol.slice(0, -1)).join(' or ');
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    // Reported below, without the value.
  }
  if (url === undefined || !protocols.includes(url.protocol) || url.hostname === '')
    throw new Error(
      `${name} must be an absolute ${expected} URL (the value is a secret, so it is not shown)`,
    );
  return raw;
}

const ADDRESS = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/;

/** Whether a string is a bare e-mail address (`digest@example.org`). */
export function isMailAddress(text: string): boolean {
  return ADDRESS.test(text);
}

/** The address of `Name <address>` or of a bare address; undefined when it is neither. */
export function mailAddressOf(text: string): string | undefined {
  const address = /<([^<>]*)>\s*$/.exec(text)?.[1] ?? text;
  return isMailAddress(address.trim()) ? address.trim() : undefined;
}

/** A `mailto:` URL from an address or a `mailto:` URL; a bare address gets `subject`. */
function mailtoUrl(raw: string, name: string, subject: string): string {
  if (raw.toLowerCase().startsWith('mailto:')) {
    const address = decodeURIComponent(raw.slice('mailto:'.length).split('?')[0] ?? '');
    if (!isMailAddress(address))
      throw new Error(`${name} must be an e-mail address or a mailto: URL, got "${raw}"`);
    return raw;
  }
  if (!isMailAddress(raw))
    throw new Error(`${name} must be an e-mail address or a mailto: URL, got "${raw}"`);
  return `mailto:${raw}?subject=${subject}`;
}

/** A topic slug (`language-tasks`) for a channel limited to one topic; which topics exist is checked when delivering. */
function readTopic(env: Env, name: string): string | undefined {
  const raw = (env[name] ?? '').trim();
  if (raw === '') return undefined;
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(raw))
    throw new Error(
      `${name} must be a topic slug of content/topics.yaml such as language-tasks, got "${raw}"`,
    );
  return raw;
}

/** How readers join and leave the e-mail list, for `/subscribe/`: set by `PAPERBOY_MAIL_SUBSCRIBE`. */
export interface MailList {
  /** A `mailto:` or https URL. */
  subscribe: string;
  /** A `mailto:` URL. */
  unsubscribe: string;
}

/** Where readers ask to leave: `PAPERBOY_MAIL_UNSUBSCRIBE`, else the sender's address; undefined when neither is set. */
function readUnsubscribe(env: Env): string | undefined {
  const raw = (env.PAPERBOY_MAIL_UNSUBSCRIBE ?? '').trim();
  if (raw !== '') return mailtoUrl(raw, 'PAPERBOY_MAIL_UNSUBSCRIBE', 'unsubscribe');
  const from = (env.PAPERBOY_MAIL_FROM ?? '').trim();
  if (from === '') return undefined;
  const address = mailAddressOf(from);
  if (address === undefined)
    throw new Error(`PAPERBOY_MAIL_FROM must be an address or "Name <address>", got "${from}"`);
  return `mailto:${address}?subject=unsubscribe`;
}

/** The e-mail list as `/subscribe/` describes it; undefined (the page says the site sends no e-mail) while `PAPERBOY_MAIL_SUBSCRIBE` is unset. */
export function readMailList(env: Env): MailList | undefined {
  const raw = (env.PAPERBOY_MAIL_SUBSCRIBE ?? '').trim();
  if (raw === '') return undefined;
  const subscribe = /^https:\/\//i.test(raw)
    ? readHttpUrl(env, 'PAPERBOY_MAIL_SUBSCRIBE', raw)
    : mailtoUrl(raw, 'PAPERBOY_MAIL_SUBSCRIBE', 'subscribe');
  const unsubscribe = readUnsubscribe(env);
  if (unsubscribe === undefined)
    throw new Error(
      'PAPERBOY_MAIL_SUBSCRIBE is set, so /subscribe/ offers the e-mail: set PAPERBOY_MAIL_FROM or PAPERBOY_MAIL_UNSUBSCRIBE too, so it can say how to leave',
    );
  return { subscribe, unsubscribe };
}

/** What e-mail delivery needs; undefined while `PAPERBOY_SMTP_URL` is unset. */
export interface MailSettings {
  smtpUrl: string;
  /** `Paperboy <digest@example.org>`. */
  from: string;
  /** Each recipient once, in the order given. */
  to: string[];
  /** A `mailto:` URL for the `List-Unsubscribe` header. */
  unsubscribe: string;
  perMinute: number;
  topic?: string | undefined;
}

export function readMailSettings(env: Env): MailSettings | undefined {
  const smtpUrl = readSecretUrl(env, 'PAPERBOY_SMTP_URL', ['smtp:', 'smtps:']);
  if (smtpUrl === undefined) return undefined;
  const from = (env.PAPERBOY_MAIL_FROM ?? '').trim();
  if (from === '') throw new Error('PAPERBOY_MAIL_FROM must be set when PAPERBOY_SMTP_URL is');
  const recipients = (readSecret(env, 'PAPERBOY_MAIL_TO') ?? '').split(',').map((entry) => entry.trim());
  if (recipients.every((entry) => entry === ''))
    throw new Error('PAPERBOY_MAIL_TO must list the recipients when PAPERBOY_SMTP_URL is set');
  const to: string[] = [];
  const seen = new Set<string>();
  for (const [index, recipient] of recipients.entries()) {
    if (recipient === '') continue;
    if (!isMailAddress(recipient))
      throw new Error(
        `PAPERBOY_MAIL_TO: entry ${index + 1} is not an e-mail address (the list is a secret, so it is not shown)`,
      );
    if (seen.has(recipient.toLowerCase())) continue;
    seen.add(recipient.toLowerCase());
    to.push(recipient);
  }
  return {
    smtpUrl,
    from,
    to,
    unsubscribe: readUnsubscribe(env) as string,
    perMinute: readPositiveInteger(env, 'PAPERBOY_MAIL_PER_MINUTE', 60),
    topic: readTopic(env, 'PAPERBOY_MAIL_TOPIC'),
  };
}

/** A chat webhook (Slack, Discord, the generic one): its secret URL and its topic. */
export interface WebhookSettings {
  url: string;
  topic?: string | undefined;
  /** The generic webhook's signing key. */
  secret?: string | undefined;
}

function readWebhook(
  env: Env,
  prefix: string,
  urlName = `${prefix}_WEBHOOK_URL`,
): WebhookSettings | undefined {
  const url = readSecretUrl(env, urlName);
  return url === undefined ? undefined : { url, topic: readTopic(env, `${prefix}_TOPIC`) };
}

export interface TelegramSettings {
  token: string;
  chatId: string;
  api: string;
  topic?: string | undefined;
}

export function readTelegramSettings(env: Env): TelegramSettings | undefined {
  const token = readSecret(env, 'PAPERBOY_TELEGRAM_BOT_TOKEN');
  if (token === undefined) return undefined;
  if (!/^\d+:[\w-]+$/.test(token))
    throw new Error(
      'PAPERBOY_TELEGRAM_BOT_TOKEN must look like 123456789:AAE… as @BotFather gives it (the value is a secret, so it is not shown)',
    );
  const chatId = readSecret(env, 'PAPERBOY_TELEGRAM_CHAT_ID');
  if (chatId === undefined)
    throw new Error('PAPERBOY_TELEGRAM_CHAT_ID must be set when PAPERBOY_TELEGRAM_BOT_TOKEN is');
  if (!/^(?:-?\d+|@\w+)$/.test(chatId))
    throw new Error(
      'PAPERBOY_TELEGRAM_CHAT_ID must be a numeric chat id or @channelname (the value is a secret, so it is not shown)',
    );
  return {
    token,
    chatId,
    api: readHttpUrl(env, 'PAPERBOY_TELEGRAM_API', 'https://api.telegram.org').replace(/\/+$/, ''),
    topic: readTopic(env, 'PAPERBOY_TELEGRAM_TOPIC'),
  };
}

/** Folders `astro build` must never write into: it empties its output folder first. */
const PROTECTED_FOLDERS = new Set([
  'src',
  'content',
  'public',
  'e2e',
  'tests',
  'scripts',
  'node_modules',
  '.git',
]);

/**
 * The build's output folder as an absolute path: anywhere but the project itself, a folder holding it,
 * or one of its source folders.
 */
export function readOutDir(env: Env, root: string): string {
  const raw = (env.OUT_DIR ?? '').trim() || 'dist';
  const outDir = resolve(root, raw);
  const holdsProject = !relative(outDir, root).startsWith('..');
  const inside = relative(root, outDir);
  const firstFolder = inside.split(/[\\/]/)[0] ?? '';
  if (holdsProject || (!inside.startsWith('..') && PROTECTED_FOLDERS.has(firstFolder)))
    throw new Error(`OUT_DIR must be a folder of its own, like dist, not "${raw}": astro build empties it`);
  return outDir;
}

/** Globs of paper files relative to the project root, as the content layer's glob loader reads them. */
export function readContentGlobs(env: Env): string[] {
  const raw = env.PAPERBOY_CONTENT ?? '';
  const globs = raw
    .split(',')
    .map((pattern) => pattern.trim())
    .filter(Boolean);
  if (globs.length === 0) return ['content/papers/**/*.md'];
  for (const glob of globs) {
    if (isAbsolute(glob) || glob.split('/').includes('..') || !glob.endsWith('.md'))
      throw new Error(
        `PAPERBOY_CONTENT globs must be relative to the project root and end in .md, got "${glob}"`,
      );
  }
  return globs;
}

/** Settings read from `env` on first use, each once. */
export function loadSettings(env: Env, root = process.cwd()) {
  const once = <T>(read: () => T): (() => T) => {
    let value: { read: T } | undefined;
    return () => {
      value ??= { read: read() };
      return value.read;
    };
  };
  const siteUrl = once(() => readSiteUrl(env));
  const basePath = once(() => readBasePath(env));
  const outDir = once(() => readOutDir(env, root));
  const cacheDir = once(() => resolve(root, (env.PAPERBOY_CACHE_DIR ?? '').trim() || 'node_modules/.astro'));
  const feedLimit = once(() => readPositiveInteger(env, 'FEED_LIMIT', 50));
  const e2ePort = once(() => readPositiveInteger(env, 'PAPERBOY_E2E_PORT', 4321));
  const topicPageSize = once(() => readPositiveInteger(env, 'TOPIC_PAGE_SIZE', 20));
  const dayPageSize = once(() => readPositiveInteger(env, 'DAY_PAGE_SIZE', 50));
  const searchShardSize = once(() => readPositiveInteger(env, 'PAPERBOY_SEARCH_SHARD_SIZE', 2000));
  const contentGlobs = once(() => readContentGlobs(env));
  const hfApi = once(() => readHttpUrl(env, 'PAPERBOY_HF_API', 'https://huggingface.co/api'));
  const arxivApi = once(() => readHttpUrl(env, 'PAPERBOY_ARXIV_API', 'https://export.arxiv.org/api/query'));
  const fetchTimeoutMs = once(() => readPositiveInteger(env, 'PAPERBOY_FETCH_TIMEOUT_MS', 30_000));
  const fetchBackoffMs = once(() => readPositiveInteger(env, 'PAPERBOY_FETCH_BACKOFF_MS', 2_000));
  const arxivDelayMs = once(() => readPositiveInteger(env, 'PAPERBOY_ARXIV_DELAY_MS', 3_000));
  const mailList = once(() => readMailList(env));
  const mail = once(() => readMailSettings(env));
  const slack = once(() => readWebhook(env, 'PAPERBOY_SLACK'));
  const discord = once(() => readWebhook(env, 'PAPERBOY_DISCORD'));
  const telegram = once(() => readTelegramSettings(env));
  const webhook = once(() => {
    const hook = readWebhook(env, 'PAPERBOY_WEBHOOK', 'PAPERBOY_WEBHOOK_URL');
    return hook && { ...hook, secret: readSecret(env, 'PAPERBOY_WEBHOOK_SECRET') };
  });
  const deliverDays = once(() => readPositiveInteger(env, 'PAPERBOY_DELIVER_DAYS', 2));
  const deliverState = once(() =>
    resolve(root, (env.PAPERBOY_DELIVER_STATE ?? '').trim() || 'content/delivery-state.json'),
  );
  const deliverTimeoutMs = once(() => readPositiveInteger(env, 'PAPERBOY_DELIVER_TIMEOUT_MS', 30_000));
  const deliverBackoffMs = once(() => readPositiveInteger(env, 'PAPERBOY_DELIVER_BACKOFF_MS', 2_000));
  const propertyRuns = once(() => readPositiveInteger(env, 'PAPERBOY_PROPERTY_RUNS', 500));
  const propertySeed = once(() => readPositiveInteger(env, 'PAPERBOY_PROPERTY_SEED', 20_260_728));
  return {
    /** The project's folder, which globs and the output folder are relative to. */
    root,
    title: 'Paperboy',
    description:
      'A daily digest of research papers: abstracts, code links and topics, searchable without a server.',
    /** Days per archive page. */
    archivePageSize: 120,
    get siteUrl() {
      return siteUrl();
    },
    get basePath() {
      return basePath();
    },
    get outDir() {
      return outDir();
    },
    /**
     * Astro's cache folder (content store, incremental build) and the search index's kept shards: what
     * the deploy workflow keeps between runs so a daily rebuild only does the day's work.
     */
    get cacheDir() {
      return cacheDir();
    },
    /** Items in `/rss.xml` and in each topic feed. */
    get feedLimit() {
      return feedLimit();
    },
    /** Papers per topic page. */
    get topicPageSize() {
      return topicPageSize();
    },
    /** Papers per day page: a bulk backfill of 50,000 records on one day must not make one page. */
    get dayPageSize() {
      return dayPageSize();
    },
    get contentGlobs() {
      return contentGlobs();
    },
    /** Most papers in one search index shard: what a first search downloads grows with it, not with the collection. */
    get searchShardSize() {
      return searchShardSize();
    },
    /** The Hugging Face API base URL; the fetcher appends `/daily_papers?date=…`. */
    get hfApi() {
      return hfApi();
    },
    /** The arXiv query API URL. */
    get arxivApi() {
      return arxivApi();
    },
    /** How long one fetch attempt may take, body included. */
    get fetchTimeoutMs() {
      return fetchTimeoutMs();
    },
    /** The wait before the fetcher's first retry; doubled for each next one. */
    get fetchBackoffMs() {
      return fetchBackoffMs();
    },
    /** The pause between two requests to arXiv. */
    get arxivDelayMs() {
      return arxivDelayMs();
    },
    /** How `/subscribe/` tells readers to join and leave the e-mail list; undefined while the site offers no e-mail. */
    get mailList() {
      return mailList();
    },
    /** E-mail delivery (`npm run deliver -- email`); undefined while its secret is unset. */
    get mail() {
      return mail();
    },
    /** Slack delivery: an incoming webhook; undefined while unset. */
    get slack() {
      return slack();
    },
    /** Discord delivery: a channel webhook; undefined while unset. */
    get discord() {
      return discord();
    },
    /** Telegram delivery: a bot and a chat; undefined while the token is unset. */
    get telegram() {
      return telegram();
    },
    /** The generic webhook: a JSON Feed of the day, signed when it has a secret; undefined while unset. */
    get webhook() {
      return webhook();
    },
    /** Days, counting today (UTC), in which `npm run deliver` looks for days not yet sent. */
    get deliverDays() {
      return deliverDays();
    },
    /** The committed record of what was sent: which day to which channel, and how it went. */
    get deliverState() {
      return deliverState();
    },
    /** How long one delivery POST may take before it counts as failed (and is not sent again). */
    get deliverTimeoutMs() {
      return deliverTimeoutMs();
    },
    /** The wait before resending a POST answered 429 or 5xx; doubled for each next one. */
    get deliverBackoffMs() {
      return deliverBackoffMs();
    },
    /** Generated inputs per property in the property-based tests. */
    get propertyRuns() {
      return propertyRuns();
    },
    /** The property-based tests' seed: fixed, so a run is reproducible. */
    get propertySeed() {
      return propertySeed();
    },
    /** The workflow run on GitHub Actions, which delivery claims name. */
    get githubRunId(): string | undefined {
      return env.GITHUB_RUN_ID || undefined;
    },
    /** `OWNER/REPO` on GitHub Actions, for the fetcher's User-Agent. */
    get githubRepository(): string | undefined {
      return env.GITHUB_REPOSITORY || undefined;
    },
    /** Debian's Chromium by default: Playwright's own browser download is not reachable everywhere. */
    get chromiumPath(): string | undefined {
      return (env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium') || undefined;
    },
    /** The e2e base-path site's port (the root site uses the next), so two checkouts can test at once. */
    get e2ePort() {
      return e2ePort();
    },
    get ci(): boolean {
      return Boolean(env.CI);
    },
  };
}

export type Settings = ReturnType<typeof loadSettings>;

export const settings: Settings = loadSettings(process.env);
