import { isAbsolute, relative, resolve } from 'node:path';

/**
 * Every setting of the site and its tools, and the only module of `src/` that reads environment
 * variables: the Astro config, the content config, the pages and the scripts import `settings` from
 * here (the tests' own settings are in `tests/test-settings.ts`, declared the same way). Each setting
 * is declared once, in `SETTINGS`: its variable, its default, its parser and what it means. The typed
 * `settings`, the list `ENVIRONMENT` and the README's configuration table all come from that entry
 * (a test compares the table with it). Each variable is checked when first used, so a typo in a
 * deploy workflow stops the build with a message instead of publishing an empty feed or localhost links.
 */

export type Env = Readonly<Record<string, string | undefined>>;

/** What a parser is given besides the variable's value. */
export interface ParseContext {
  /** The variable's name, for messages. */
  name: string;
  /** The declared default, as the README shows it. */
  fallback: string;
  /** The whole environment, for settings that depend on another variable. */
  env: Env;
  /** The project folder, which relative paths are resolved against. */
  root: string;
}

/** One setting: an environment variable, its default as the README shows it, its parser and its meaning. */
export interface SettingDeclaration<T = unknown> {
  name: string;
  /** The default as the README shows it; empty for a variable that is unset unless a service sets it. */
  default: string;
  meaning: string;
  /** The value from the variable's text (`undefined` when unset); throws a message naming the variable. */
  parse: (raw: string | undefined, context: ParseContext) => T;
}

export type SettingDeclarations = Readonly<Record<string, SettingDeclaration>>;

/** The typed values of some declarations, one per key. */
export type SettingValues<D extends SettingDeclarations> = {
  readonly [K in keyof D]: ReturnType<D[K]['parse']>;
};

/** A positive whole number; the default when unset or empty. */
export function positiveInteger(raw: string | undefined, { name, fallback }: ParseContext): number {
  const text = raw === undefined || raw === '' ? fallback : raw;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive whole number, got "${text}"`);
  return value;
}

/** An absolute http(s) URL; the default when unset or blank. */
export function httpUrl(raw: string | undefined, { name, fallback }: ParseContext): string {
  const text = (raw ?? '').trim();
  if (text === '') return fallback;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${name} must be an absolute http(s) URL like ${fallback}, got "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`${name} must be an http(s) URL, got "${text}"`);
  return text;
}

/** The site's origin. Required on GitHub Actions, where a localhost default would end up in feeds. */
export function siteUrl(raw: string | undefined, context: ParseContext): string {
  if (!raw) {
    if (context.env.GITHUB_ACTIONS === 'true')
      throw new Error(`${context.name} must be set when building on GitHub Actions`);
    return context.fallback;
  }
  return new URL(httpUrl(raw, { ...context, fallback: 'https://user.github.io' })).origin;
}

/** The path the site lives under, always with leading and trailing slashes (`/`, `/paperboy/`). */
export function basePath(raw: string | undefined, { name }: ParseContext): string {
  const text = (raw ?? '').trim();
  if (text.includes('://')) throw new Error(`${name} is a path like /paperboy/, not a URL: "${text}"`);
  const trimmed = text.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/**
 * Hosts as `PAPERBOY_FETCH_ALLOWED_HOSTS` lists them: comma-separated, each a host name or address with
 * an optional port (`mirror.example`, `mirror.example:8080`, `[::1]`), lower-cased.
 */
export function hostList(raw: string | undefined, { name }: ParseContext): string[] {
  const hosts: string[] = [];
  for (const entry of (raw ?? '').split(',')) {
    const host = entry.trim().toLowerCase();
    if (host === '') continue;
    if (!/^(?:\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(?::\d{1,5})?$/.test(host))
      throw new Error(
        `${name} lists hosts like mirror.example or mirror.example:8080, got "${entry.trim()}"`,
      );
    hosts.push(host);
  }
  return hosts;
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
export function outDir(raw: string | undefined, { name, fallback, root }: ParseContext): string {
  const text = (raw ?? '').trim() || fallback;
  const folder = resolve(root, text);
  const holdsProject = !relative(folder, root).startsWith('..');
  const inside = relative(root, folder);
  const firstFolder = inside.split(/[\\/]/)[0] ?? '';
  if (holdsProject || (!inside.startsWith('..') && PROTECTED_FOLDERS.has(firstFolder)))
    throw new Error(
      `${name} must be a folder of its own, like ${fallback}, not "${text}": astro build empties it`,
    );
  return folder;
}

/** A folder as an absolute path, relative to the project; the default when unset or blank. */
export function folder(raw: string | undefined, { fallback, root }: ParseContext): string {
  return resolve(root, (raw ?? '').trim() || fallback);
}

/** Globs of paper files relative to the project root, as the content layer's loader reads them. */
export function contentGlobs(raw: string | undefined, { name, fallback }: ParseContext): string[] {
  const globs = (raw ?? '')
    .split(',')
    .map((pattern) => pattern.trim())
    .filter(Boolean);
  if (globs.length === 0) return [fallback];
  for (const glob of globs) {
    if (isAbsolute(glob) || glob.split('/').includes('..') || !glob.endsWith('.md'))
      throw new Error(`${name} globs must be relative to the project root and end in .md, got "${glob}"`);
  }
  return globs;
}

/** Text a service sets, or `undefined`. */
export function optionalText(raw: string | undefined): string | undefined {
  return raw || undefined;
}

/** Whether a service set the variable to anything but the empty string. */
export function flag(raw: string | undefined): boolean {
  return Boolean(raw);
}

/** A secret's value, or undefined when it is unset or blank. Messages about a secret never show its value. */
export function secret(raw: string | undefined): string | undefined {
  const text = (raw ?? '').trim();
  return text === '' ? undefined : text;
}

/** A parser for a URL that holds a token (a webhook's): checked like `httpUrl`, but a bad one is not echoed. */
export function secretUrl(protocols: readonly string[] = ['http:', 'https:']) {
  return (raw: string | undefined, { name }: ParseContext): string | undefined => {
    const text = secret(raw);
    if (text === undefined) return undefined;
    const expected = protocols.map((protocol) => protocol.slice(0, -1)).join(' or ');
    let url: URL | undefined;
    try {
      url = new URL(text);
    } catch {
      // Reported below, without the value.
    }
    if (url === undefined || !protocols.includes(url.protocol) || url.hostname === '')
      throw new Error(
        `${name} must be an absolute ${expected} URL (the value is a secret, so it is not shown)`,
      );
    return text;
  };
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
function mailtoUrl(text: string, name: string, subject: string): string {
  const address = text.toLowerCase().startsWith('mailto:')
    ? decodeURIComponent(text.slice('mailto:'.length).split('?')[0] ?? '')
    : text;
  if (!isMailAddress(address))
    throw new Error(`${name} must be an e-mail address or a mailto: URL, got "${text}"`);
  return address === text ? `mailto:${text}?subject=${subject}` : text;
}

/** The e-mail's sender, `Name <address>` or a bare address. */
export function mailSender(raw: string | undefined, { name }: ParseContext): string | undefined {
  const text = (raw ?? '').trim();
  if (text === '') return undefined;
  if (mailAddressOf(text) === undefined)
    throw new Error(`${name} must be an address or "Name <address>", got "${text}"`);
  return text;
}

/** The recipients, each once in the order given; the list is a secret, so a message never shows it. */
export function mailRecipients(raw: string | undefined, { name }: ParseContext): string[] {
  const recipients: string[] = [];
  const seen = new Set<string>();
  for (const [index, entry] of (raw ?? '').split(',').entries()) {
    const recipient = entry.trim();
    if (recipient === '') continue;
    if (!isMailAddress(recipient))
      throw new Error(
        `${name}: entry ${index + 1} is not an e-mail address (the list is a secret, so it is not shown)`,
      );
    if (seen.has(recipient.toLowerCase())) continue;
    seen.add(recipient.toLowerCase());
    recipients.push(recipient);
  }
  return recipients;
}

/** Where readers ask to leave: the variable, else the sender's address with the subject "unsubscribe". */
export function unsubscribeUrl(raw: string | undefined, context: ParseContext): string | undefined {
  const text = (raw ?? '').trim();
  if (text !== '') return mailtoUrl(text, context.name, 'unsubscribe');
  const from = mailSender(context.env.PAPERBOY_MAIL_FROM, { ...context, name: 'PAPERBOY_MAIL_FROM' });
  return from === undefined ? undefined : `mailto:${mailAddressOf(from)}?subject=unsubscribe`;
}

/** Where readers ask to join the e-mail list: a `mailto:` or an https URL. */
export function subscribeUrl(raw: string | undefined, context: ParseContext): string | undefined {
  const text = (raw ?? '').trim();
  if (text === '') return undefined;
  return /^https:\/\//i.test(text) ? httpUrl(text, context) : mailtoUrl(text, context.name, 'subscribe');
}

/** A topic slug (`language-tasks`) for a channel limited to one topic; which topics exist is checked when delivering. */
export function topicSlug(raw: string | undefined, { name }: ParseContext): string | undefined {
  const text = (raw ?? '').trim();
  if (text === '') return undefined;
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(text))
    throw new Error(
      `${name} must be a topic slug of content/topics.yaml such as language-tasks, got "${text}"`,
    );
  return text;
}

/** A Telegram bot token as @BotFather gives it. */
export function telegramToken(raw: string | undefined, { name }: ParseContext): string | undefined {
  const text = secret(raw);
  if (text !== undefined && !/^\d+:[\w-]+$/.test(text))
    throw new Error(
      `${name} must look like 123456789:AAE… as @BotFather gives it (the value is a secret, so it is not shown)`,
    );
  return text;
}

/** A Telegram chat: a numeric id or `@channelname`. */
export function telegramChat(raw: string | undefined, { name }: ParseContext): string | undefined {
  const text = secret(raw);
  if (text !== undefined && !/^(?:-?\d+|@\w+)$/.test(text))
    throw new Error(
      `${name} must be a numeric chat id or @channelname (the value is a secret, so it is not shown)`,
    );
  return text;
}

/** Every setting of the site and its tools, in README order. */
export const SETTINGS = {
  siteUrl: {
    name: 'SITE_URL',
    default: 'http://localhost:4321',
    meaning: 'the site’s origin, for feeds and canonical links; required on GitHub Actions',
    parse: siteUrl,
  },
  basePath: {
    name: 'BASE_PATH',
    default: '/',
    meaning: 'the path the site lives under, e.g. `/paperboy/` for `https://USER.github.io/paperboy/`',
    parse: basePath,
  },
  outDir: {
    name: 'OUT_DIR',
    default: 'dist',
    meaning: 'where `astro build` writes the site (the e2e suite builds a second copy into `dist-root`)',
    parse: outDir,
  },
  cacheDir: {
    name: 'PAPERBOY_CACHE_DIR',
    default: 'node_modules/.astro',
    meaning:
      'the build caches’ folder: Astro’s content store and incremental build’s pages, and the search step’s kept shards, each under the hash of the code and settings that made them, counted only once a build completed; the deploy workflow keeps it between runs',
    parse: folder,
  },
  feedLimit: {
    name: 'FEED_LIMIT',
    default: '50',
    meaning: 'items in the site’s feeds (`/rss.xml`, `/atom.xml` and `/feed.json`) and in each custom feed’s',
    parse: positiveInteger,
  },
  topicFeedLimit: {
    name: 'TOPIC_FEED_LIMIT',
    default: '20',
    meaning:
      'items in each topic’s feeds (`/topics/<topic>/rss.xml`, …): a topic gets a few papers a day, and a paper is in two or three topics',
    parse: positiveInteger,
  },
  topicPageSize: {
    name: 'TOPIC_PAGE_SIZE',
    default: '50',
    meaning:
      'papers per topic page and custom feed page, and per page of a week’s or month’s ranking (one line each)',
    parse: positiveInteger,
  },
  dayPageSize: {
    name: 'DAY_PAGE_SIZE',
    default: '50',
    meaning: 'papers per day page (the home page shows the first)',
    parse: positiveInteger,
  },
  emailDays: {
    name: 'PAPERBOY_EMAIL_DAYS',
    default: '14',
    meaning:
      'how many of the latest days get an e-mail-ready page (`days/<day>/email.html`): they are for mailing a day, not an archive',
    parse: positiveInteger,
  },
  forYouDays: {
    name: 'PAPERBOY_FOR_YOU_DAYS',
    default: '30',
    meaning:
      "how many of the latest days `recent.json` holds: the papers a reader's follows mark and `/for-you/` lists, matched in the browser",
    parse: positiveInteger,
  },
  contentGlobs: {
    name: 'PAPERBOY_CONTENT',
    default: 'content/papers/**/*.md',
    meaning:
      'comma-separated globs of paper files, relative to the project root (the e2e suite adds `tests/fixtures/papers`, the benchmark its generated papers)',
    parse: contentGlobs,
  },
  searchShardSize: {
    name: 'PAPERBOY_SEARCH_SHARD_SIZE',
    default: '2000',
    meaning:
      'most papers in one search index shard (runs of whole days packed oldest first, so a new day changes only the newest; the newest, which the search page loads first, joins the one before while under half this, so holds up to one and a half)',
    parse: positiveInteger,
  },
  searchWorkers: {
    name: 'PAPERBOY_SEARCH_WORKERS',
    default: '2',
    meaning:
      'search index shards indexed at once, each by a Pagefind process of its own (one core each, and memory for one shard each); the index is the same whatever the number',
    parse: positiveInteger,
  },
  hfApi: {
    name: 'PAPERBOY_HF_API',
    default: 'https://huggingface.co/api',
    meaning:
      'the Hugging Face API that `npm run fetch -- hf` asks; it appends `/daily_papers?date=YYYY-MM-DD`',
    parse: httpUrl,
  },
  arxivApi: {
    name: 'PAPERBOY_ARXIV_API',
    default: 'https://export.arxiv.org/api/query',
    meaning: 'the arXiv query API that `npm run fetch -- arxiv` asks',
    parse: httpUrl,
  },
  fetchTimeoutMs: {
    name: 'PAPERBOY_FETCH_TIMEOUT_MS',
    default: '30000',
    meaning: 'milliseconds `npm run fetch` waits for a whole response before it gives up on that attempt',
    parse: positiveInteger,
  },
  fetchBackoffMs: {
    name: 'PAPERBOY_FETCH_BACKOFF_MS',
    default: '2000',
    meaning:
      'milliseconds `npm run fetch` waits before its first retry, doubled before each next one (at most a minute)',
    parse: positiveInteger,
  },
  fetchMaxBytes: {
    name: 'PAPERBOY_FETCH_MAX_BYTES',
    default: '4194304',
    meaning:
      "the most bytes `npm run fetch` reads of one response once decompressed (4 MiB), and of one Hugging Face day's pages together; a larger one is refused, not retried",
    parse: positiveInteger,
  },
  fetchAllowedHosts: {
    name: 'PAPERBOY_FETCH_ALLOWED_HOSTS',
    default: '',
    meaning:
      'comma-separated hosts (`mirror.example`, `mirror.example:8080`) that a redirect from `PAPERBOY_HF_API` or `PAPERBOY_ARXIV_API` may lead to; a redirect to any other host is refused',
    parse: hostList,
  },
  arxivDelayMs: {
    name: 'PAPERBOY_ARXIV_DELAY_MS',
    default: '3000',
    meaning: 'milliseconds between two requests to arXiv, which asks for at least 3 seconds',
    parse: positiveInteger,
  },
  smtpUrl: {
    name: 'PAPERBOY_SMTP_URL',
    default: '',
    meaning:
      'secret: the SMTP server `npm run deliver -- email` sends through, e.g. `smtps://USER:PASSWORD@smtp.example.org:465`; e-mail is off while unset',
    parse: secretUrl(['smtp:', 'smtps:']),
  },
  mailFrom: {
    name: 'PAPERBOY_MAIL_FROM',
    default: '',
    meaning: 'the e-mail’s sender, `Paperboy <digest@example.org>`; required with `PAPERBOY_SMTP_URL`',
    parse: mailSender,
  },
  mailTo: {
    name: 'PAPERBOY_MAIL_TO',
    default: '',
    meaning:
      'secret: the recipients, comma-separated; each gets a message of their own, addressed to them alone',
    parse: mailRecipients,
  },
  mailUnsubscribe: {
    name: 'PAPERBOY_MAIL_UNSUBSCRIBE',
    default: '',
    meaning:
      'where readers ask to leave (an address or a `mailto:` URL), for the `List-Unsubscribe` header and `/subscribe/`; default: the sender’s address with the subject “unsubscribe”',
    parse: unsubscribeUrl,
  },
  mailSubscribe: {
    name: 'PAPERBOY_MAIL_SUBSCRIBE',
    default: '',
    meaning:
      'where readers ask to join the e-mail list (an address or an https URL); when set, `/subscribe/` says how to join and leave it (read by the build)',
    parse: subscribeUrl,
  },
  mailPerMinute: {
    name: 'PAPERBOY_MAIL_PER_MINUTE',
    default: '60',
    meaning: 'most e-mails sent in one minute; more recipients go in batches a minute apart',
    parse: positiveInteger,
  },
  mailTopic: {
    name: 'PAPERBOY_MAIL_TOPIC',
    default: '',
    meaning: 'a topic slug: the e-mail then carries only that topic’s papers of the day',
    parse: topicSlug,
  },
  slackWebhookUrl: {
    name: 'PAPERBOY_SLACK_WEBHOOK_URL',
    default: '',
    meaning: 'secret: a Slack incoming webhook URL; Slack is off while unset',
    parse: secretUrl(),
  },
  slackTopic: {
    name: 'PAPERBOY_SLACK_TOPIC',
    default: '',
    meaning: 'a topic slug: Slack gets only that topic’s papers',
    parse: topicSlug,
  },
  discordWebhookUrl: {
    name: 'PAPERBOY_DISCORD_WEBHOOK_URL',
    default: '',
    meaning: 'secret: a Discord channel webhook URL; Discord is off while unset',
    parse: secretUrl(),
  },
  discordTopic: {
    name: 'PAPERBOY_DISCORD_TOPIC',
    default: '',
    meaning: 'a topic slug: Discord gets only that topic’s papers',
    parse: topicSlug,
  },
  telegramBotToken: {
    name: 'PAPERBOY_TELEGRAM_BOT_TOKEN',
    default: '',
    meaning: 'secret: the Telegram bot’s token (from @BotFather); Telegram is off while unset',
    parse: telegramToken,
  },
  telegramChatId: {
    name: 'PAPERBOY_TELEGRAM_CHAT_ID',
    default: '',
    meaning: 'secret: the chat the bot posts to (a numeric id or `@channelname`); required with the token',
    parse: telegramChat,
  },
  telegramApi: {
    name: 'PAPERBOY_TELEGRAM_API',
    default: 'https://api.telegram.org',
    meaning: 'the Telegram Bot API that `npm run deliver -- telegram` posts to',
    parse: httpUrl,
  },
  telegramTopic: {
    name: 'PAPERBOY_TELEGRAM_TOPIC',
    default: '',
    meaning: 'a topic slug: Telegram gets only that topic’s papers',
    parse: topicSlug,
  },
  webhookUrl: {
    name: 'PAPERBOY_WEBHOOK_URL',
    default: '',
    meaning: 'secret: a URL that gets each day as a JSON Feed 1.1 document by POST; off while unset',
    parse: secretUrl(),
  },
  webhookSecret: {
    name: 'PAPERBOY_WEBHOOK_SECRET',
    default: '',
    meaning:
      'secret: the key of the webhook’s `X-Paperboy-Signature: sha256=…` (HMAC-SHA256 of the body); unsigned while unset',
    parse: secret,
  },
  webhookTopic: {
    name: 'PAPERBOY_WEBHOOK_TOPIC',
    default: '',
    meaning: 'a topic slug: the webhook gets only that topic’s papers',
    parse: topicSlug,
  },
  deliverDays: {
    name: 'PAPERBOY_DELIVER_DAYS',
    default: '2',
    meaning:
      'how far back `npm run deliver` looks for days not yet sent: today and the days before it, in UTC (`--day` sends any day)',
    parse: positiveInteger,
  },
  deliverState: {
    name: 'PAPERBOY_DELIVER_STATE',
    default: 'content/delivery-state.json',
    meaning: 'the file that records which day went to which channel, and when (committed)',
    parse: folder,
  },
  deliverTimeoutMs: {
    name: 'PAPERBOY_DELIVER_TIMEOUT_MS',
    default: '30000',
    meaning:
      'milliseconds `npm run deliver` waits for a webhook’s answer; a POST that times out is not sent again (it may have arrived)',
    parse: positiveInteger,
  },
  deliverBackoffMs: {
    name: 'PAPERBOY_DELIVER_BACKOFF_MS',
    default: '2000',
    meaning:
      'milliseconds `npm run deliver` waits before resending a POST answered 429 or 5xx, doubled each time (or what `Retry-After` asks, at most a minute)',
    parse: positiveInteger,
  },
  githubActions: {
    name: 'GITHUB_ACTIONS',
    default: '',
    meaning: 'set by GitHub Actions: `SITE_URL` must then be set',
    parse: flag,
  },
  githubRunId: {
    name: 'GITHUB_RUN_ID',
    default: '',
    meaning: 'set by GitHub Actions: `npm run deliver` names the run in each claim it records',
    parse: optionalText,
  },
  githubRepository: {
    name: 'GITHUB_REPOSITORY',
    default: '',
    meaning: 'set by GitHub Actions (`OWNER/REPO`): `npm run fetch` names the repository in its User-Agent',
    parse: optionalText,
  },
} as const satisfies SettingDeclarations;

/** One environment variable as the README's tables list it. */
export interface EnvironmentVariable {
  name: string;
  default: string;
  meaning: string;
}

/** The variables of some declarations, in their order. */
export function environmentOf(declarations: SettingDeclarations): EnvironmentVariable[] {
  return Object.values(declarations).map(({ name, default: fallback, meaning }) => ({
    name,
    default: fallback,
    meaning,
  }));
}

/** Every environment variable of the site and its tools, in README order. */
export const ENVIRONMENT: readonly EnvironmentVariable[] = environmentOf(SETTINGS);

/** The README's table rows for some variables: name, default (or "(unset)") and meaning. */
export function environmentTable(variables: readonly EnvironmentVariable[]): string[] {
  return variables.map(
    (variable) =>
      `| \`${variable.name}\` | ${variable.default === '' ? '(unset)' : `\`${variable.default}\``} | ${variable.meaning} |`,
  );
}

/**
 * The declared settings read from `env`, each on first use and once: a bad value fails only what
 * needs it, with a message naming its variable.
 */
export function readSettings<D extends SettingDeclarations>(
  declarations: D,
  env: Env,
  root = process.cwd(),
): SettingValues<D> {
  const values = {};
  for (const [key, declaration] of Object.entries(declarations)) {
    let read: { value: unknown } | undefined;
    Object.defineProperty(values, key, {
      enumerable: true,
      get() {
        read ??= {
          value: declaration.parse(env[declaration.name], {
            name: declaration.name,
            fallback: declaration.default,
            env,
            root,
          }),
        };
        return read.value;
      },
    });
  }
  return values as SettingValues<D>;
}

type SiteSettingValues = SettingValues<typeof SETTINGS>;

/** How readers join and leave the e-mail list, for `/subscribe/`: set by `PAPERBOY_MAIL_SUBSCRIBE`. */
export interface MailList {
  /** A `mailto:` or https URL. */
  subscribe: string;
  /** A `mailto:` URL. */
  unsubscribe: string;
}

/** What e-mail delivery needs. */
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

/** A chat webhook (Slack, Discord, the generic one): its secret URL and its topic. */
export interface WebhookSettings {
  url: string;
  topic?: string | undefined;
  /** The generic webhook's signing key. */
  secret?: string | undefined;
}

export interface TelegramSettings {
  token: string;
  chatId: string;
  api: string;
  topic?: string | undefined;
}

/** The e-mail list as `/subscribe/` describes it; undefined (the page says the site sends no e-mail) while `PAPERBOY_MAIL_SUBSCRIBE` is unset. */
function mailListOf(values: SiteSettingValues): MailList | undefined {
  const subscribe = values.mailSubscribe;
  if (subscribe === undefined) return undefined;
  const unsubscribe = values.mailUnsubscribe;
  if (unsubscribe === undefined)
    throw new Error(
      'PAPERBOY_MAIL_SUBSCRIBE is set, so /subscribe/ offers the e-mail: set PAPERBOY_MAIL_FROM or PAPERBOY_MAIL_UNSUBSCRIBE too, so it can say how to leave',
    );
  return { subscribe, unsubscribe };
}

/** E-mail delivery; undefined while `PAPERBOY_SMTP_URL` is unset. */
function mailOf(values: SiteSettingValues): MailSettings | undefined {
  const smtpUrl = values.smtpUrl;
  if (smtpUrl === undefined) return undefined;
  const from = values.mailFrom;
  if (from === undefined) throw new Error('PAPERBOY_MAIL_FROM must be set when PAPERBOY_SMTP_URL is');
  if (values.mailTo.length === 0)
    throw new Error('PAPERBOY_MAIL_TO must list the recipients when PAPERBOY_SMTP_URL is set');
  return {
    smtpUrl,
    from,
    to: values.mailTo,
    unsubscribe: values.mailUnsubscribe as string,
    perMinute: values.mailPerMinute,
    topic: values.mailTopic,
  };
}

/** Telegram delivery; undefined while the token is unset. */
function telegramOf(values: SiteSettingValues): TelegramSettings | undefined {
  const token = values.telegramBotToken;
  if (token === undefined) return undefined;
  const chatId = values.telegramChatId;
  if (chatId === undefined)
    throw new Error('PAPERBOY_TELEGRAM_CHAT_ID must be set when PAPERBOY_TELEGRAM_BOT_TOKEN is');
  return { token, chatId, api: values.telegramApi.replace(/\/+$/, ''), topic: values.telegramTopic };
}

/** The delivery channels, each from its variables, checked together on first use. */
function deliveryChannels(values: SiteSettingValues) {
  const webhook = (url: string | undefined, topic: string | undefined): WebhookSettings | undefined =>
    url === undefined ? undefined : { url, topic };
  return {
    /** How `/subscribe/` tells readers to join and leave the e-mail list; undefined while the site offers no e-mail. */
    get mailList() {
      return mailListOf(values);
    },
    /** E-mail delivery (`npm run deliver -- email`); undefined while its secret is unset. */
    get mail() {
      return mailOf(values);
    },
    /** Slack delivery: an incoming webhook; undefined while unset. */
    get slack() {
      return webhook(values.slackWebhookUrl, values.slackTopic);
    },
    /** Discord delivery: a channel webhook; undefined while unset. */
    get discord() {
      return webhook(values.discordWebhookUrl, values.discordTopic);
    },
    /** Telegram delivery: a bot and a chat; undefined while the token is unset. */
    get telegram() {
      return telegramOf(values);
    },
    /** The generic webhook: a JSON Feed of the day, signed when it has a secret; undefined while unset. */
    get webhook() {
      const hook = webhook(values.webhookUrl, values.webhookTopic);
      return hook && { ...hook, secret: values.webhookSecret };
    },
  };
}

/** The e-mail list of `/subscribe/` read from `env`. */
export function readMailList(env: Env): MailList | undefined {
  return mailListOf(readSettings(SETTINGS, env));
}

/** E-mail delivery read from `env`. */
export function readMailSettings(env: Env): MailSettings | undefined {
  return mailOf(readSettings(SETTINGS, env));
}

/** Telegram delivery read from `env`. */
export function readTelegramSettings(env: Env): TelegramSettings | undefined {
  return telegramOf(readSettings(SETTINGS, env));
}

/** Settings that say where a build writes or how many processes it uses, not what it writes: left out of the build caches' key. */
const WHERE_NOT_WHAT: readonly string[] = [
  SETTINGS.outDir.name,
  SETTINGS.cacheDir.name,
  SETTINGS.searchWorkers.name,
];

/** Settings only `npm run deliver` reads (secrets among them): no page shows them, so they key no cache. */
const DELIVERY_ONLY: readonly string[] = [
  SETTINGS.smtpUrl,
  SETTINGS.mailTo,
  SETTINGS.mailPerMinute,
  SETTINGS.mailTopic,
  SETTINGS.slackWebhookUrl,
  SETTINGS.slackTopic,
  SETTINGS.discordWebhookUrl,
  SETTINGS.discordTopic,
  SETTINGS.telegramBotToken,
  SETTINGS.telegramChatId,
  SETTINGS.telegramApi,
  SETTINGS.telegramTopic,
  SETTINGS.webhookUrl,
  SETTINGS.webhookSecret,
  SETTINGS.webhookTopic,
  SETTINGS.deliverDays,
  SETTINGS.deliverState,
  SETTINGS.deliverTimeoutMs,
  SETTINGS.deliverBackoffMs,
  SETTINGS.githubRunId,
].map((declaration) => declaration.name);

/**
 * The declared settings' values in `env` as `NAME=value` lines, but for the output and cache folders:
 * with the code, what the build caches are keyed on (`src/lib/cache/`).
 */
export function cacheKeySettings(env: Env): string {
  return Object.values(SETTINGS)
    .filter(
      (declaration) =>
        !WHERE_NOT_WHAT.includes(declaration.name) && !DELIVERY_ONLY.includes(declaration.name),
    )
    .map((declaration) => `${declaration.name}=${env[declaration.name] ?? ''}`)
    .join('\n');
}

/** The site's constants, and its settings read from `env`. */
export function loadSettings(env: Env, root = process.cwd()) {
  const constants = {
    /** The project's folder, which globs and the output folder are relative to. */
    root,
    title: 'Paperboy',
    description:
      'A daily digest of research papers: abstracts, code links and topics, searchable without a server.',
    /** Days per archive page. */
    archivePageSize: 120,
    /** What the build caches are keyed on besides the code (`cacheKeySettings`). */
    cacheKeySettings: cacheKeySettings(env),
  };
  const values = readSettings(SETTINGS, env, root);
  return Object.defineProperties(constants, {
    ...Object.getOwnPropertyDescriptors(values),
    ...Object.getOwnPropertyDescriptors(deliveryChannels(values)),
  }) as typeof constants & SiteSettingValues & ReturnType<typeof deliveryChannels>;
}

export type Settings = ReturnType<typeof loadSettings>;

export const settings: Settings = loadSettings(process.env);
