import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  type HookServer,
  hostilePaper,
  paper,
  type SmtpServer,
  startHookServer,
  startSmtpServer,
  writeStore,
} from '../../../tests/delivery-servers.ts';
import { DISCORD_LIMITS, type DiscordMessage } from './discord.ts';
import { type DeliverOptions, deliver, deliveryId } from './run.ts';
import { SLACK_LIMITS, type SlackMessage } from './slack.ts';
import { readState } from './state.ts';
import { TELEGRAM_LIMITS, telegramLength } from './telegram.ts';

/**
 * The whole delivery against stand-ins on 127.0.0.1: a real SMTP server, and HTTP servers in place of
 * Slack, Discord, Telegram and the webhook. What they received is checked as each platform would read
 * it: shape, limits, every paper in the site's order, absolute links only, a hostile record inert.
 */

const DAY = '2026-07-30';
const SITE = { title: 'Paperboy', url: 'https://u.github.io', basePath: '/paperboy/' };
const ROOT_URL = 'https://u.github.io/paperboy/';
const RECIPIENTS = ['ada@example.org', 'bob@example.net', 'cy@example.com'];
const TOKEN = '123456789:AAEsecretTelegramToken_abc';
const SLACK_PATH = '/services/T0001/B0002/slackSecretToken123456';
const DISCORD_PATH = '/api/webhooks/42/discordSecretToken1234567890';
const WEBHOOK_SECRET = 'signing-secret-value';

/** 55 ordinary papers with votes 1…55, so the site's order (most upvoted first) is known, and the hostile one on top. */
function dayRecords() {
  const ordinary = Array.from({ length: 55 }, (_, index) =>
    paper({
      id: `2607.${String(10_000 + index)}`,
      day: DAY,
      title: `Paper number ${index + 1} about ${index % 2 === 0 ? 'protein folding' : 'retrieval'}`,
      authors: ['First Author', 'Second Author', 'Third Author', 'Fourth Author'],
      upvotes: index + 1,
      summary: `TL;DR of paper ${index + 1}: ${'a finding worth a sentence, '.repeat(8)}done.`,
      links: index % 3 === 0 ? { code: `https://github.com/lab/repo-${index + 1}` } : {},
    }),
  );
  return [hostilePaper(DAY), ...ordinary, paper({ id: 'older', day: '2026-07-29' })];
}

/** Paper page URLs in the site's order: the hostile one (1,000 upvotes), then 55 down to 1. */
const ORDER = ['hostile', ...Array.from({ length: 55 }, (_, index) => `2607.${10_000 + 54 - index}`)].map(
  (id) => `${ROOT_URL}papers/${id}/`,
);

/** What Telegram answers when it posted a message. */
const TELEGRAM_OK = {
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: '{"ok":true,"result":{}}',
};

let hooks: HookServer;
let smtp: SmtpServer;
let root: string;
let out: string[];
let err: string[];

beforeEach(async () => {
  [hooks, smtp] = await Promise.all([startHookServer(), startSmtpServer()]);
  hooks.script(`/bot${TOKEN}/sendMessage`, TELEGRAM_OK);
  root = mkdtempSync(join(tmpdir(), 'paperboy-deliver-'));
  writeStore(root, dayRecords());
  out = [];
  err = [];
});
afterEach(async () => {
  await Promise.all([hooks.close(), smtp.close()]);
  rmSync(root, { recursive: true, force: true });
});

function options(overrides: Partial<DeliverOptions> = {}): DeliverOptions {
  return {
    channels: ['email', 'slack', 'discord', 'telegram', 'webhook'],
    day: DAY,
    dryRun: false,
    resend: false,
    now: new Date('2026-07-30T08:00:00Z'),
    windowDays: 2,
    statePath: join(root, 'content/delivery-state.json'),
    root,
    globs: ['content/papers/**/*.md'],
    site: SITE,
    pageSize: 50,
    settings: {
      email: {
        smtpUrl: smtp.url,
        from: 'Paperboy <digest@example.org>',
        to: RECIPIENTS,
        unsubscribe: 'mailto:digest@example.org?subject=unsubscribe',
        perMinute: 60,
      },
      slack: { url: `${hooks.origin}${SLACK_PATH}` },
      discord: { url: `${hooks.origin}${DISCORD_PATH}` },
      telegram: { token: TOKEN, chatId: '-100123', api: hooks.origin },
      webhook: { url: `${hooks.origin}/hook`, secret: WEBHOOK_SECRET },
    },
    http: {
      userAgent: 'Paperboy/test',
      timeoutMs: 1000,
      retries: 2,
      backoffMs: 10,
      maxWaitMs: 200,
      maxBytes: 1 << 20,
    },
    by: 'test run',
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    pauseMs: { slack: 0, telegram: 0 },
    ...overrides,
  };
}

const bodies = <T>(path: string): T[] =>
  hooks.requests
    .filter((request) => request.path.split('?')[0] === path)
    .map((request) => JSON.parse(request.body) as T);

/** Every position of each URL in `text`, so order and single appearance can be checked. */
function positions(text: string, urls: readonly string[]): number[] {
  return urls.map((url) => text.indexOf(url));
}

function expectInOrder(text: string, urls: readonly string[]): void {
  const found = positions(text, urls);
  expect(found.every((position) => position >= 0)).toBe(true);
  expect([...found].sort((a, b) => a - b)).toEqual(found);
}

const PAPER_LINKS = (text: string, pattern: RegExp) =>
  [...text.matchAll(pattern)].map((match) => match[1] as string);

describe('every channel gets the day once, whole, within its limits', { timeout: 90_000 }, () => {
  test('one run sends each channel the day, and records it', async () => {
    const code = await deliver(options());
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out).toEqual([
      `email ${DAY}: sent 50 of 56 papers in 3 e-mails`,
      `slack ${DAY}: sent 50 of 56 papers in 3 messages`,
      `discord ${DAY}: sent 50 of 56 papers in 5 messages`,
      expect.stringMatching(new RegExp(`^telegram ${DAY}: sent 50 of 56 papers in \\d+ messages$`)),
      `webhook ${DAY}: sent 56 papers in 1 message`,
    ]);
    const state = readState(join(root, 'content/delivery-state.json'));
    expect(Object.keys(state)).toEqual([DAY]);
    for (const channel of ['email', 'slack', 'discord', 'telegram', 'webhook'] as const)
      expect(state[DAY]?.[channel]).toMatchObject({ status: 'sent', by: 'test run' });
  });

  test('e-mail: one message per recipient, addressed to them alone, with both parts, the headers and every paper', async () => {
    await deliver(options({ channels: ['email'] }));
    expect(smtp.received.map((mail) => mail.envelope.to)).toEqual(RECIPIENTS.map((address) => [address]));
    for (const [index, mail] of smtp.received.entries()) {
      const { parsed, raw } = mail;
      const others = RECIPIENTS.filter((_, other) => other !== index);
      for (const address of others) expect(raw.toLowerCase()).not.toContain(address);
      expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.text : '').toBe(RECIPIENTS[index]);
      expect(parsed.cc).toBeUndefined();
      expect(parsed.bcc).toBeUndefined();
      expect(parsed.from?.value).toEqual([{ address: 'digest@example.org', name: 'Paperboy' }]);
      expect(parsed.subject).toBe('Paperboy: Thursday, 30 July 2026 (56 papers)');
      expect(parsed.messageId).toBe(`<${deliveryId(ROOT_URL, DAY, 'email')}>`);
      expect(raw).toMatch(/^List-Unsubscribe: <mailto:digest@example\.org\?subject=unsubscribe>/m);
      const html = parsed.html as string;
      const text = parsed.text as string;
      // Both parts list the first 50 papers in the site's order, and point to the rest.
      expectInOrder(html, ORDER.slice(0, 50));
      expectInOrder(text, ORDER.slice(0, 50));
      for (const url of ORDER.slice(50)) {
        expect(html).not.toContain(url);
        expect(text).not.toContain(url);
      }
      expect(text).toContain(`…and 6 more papers: ${ROOT_URL}days/${DAY}/`);
      // Every link is absolute: http(s) to the site or a paper's code, or the unsubscribe address.
      const hrefs = PAPER_LINKS(html, /href="([^"]*)"/g);
      expect(hrefs.length).toBeGreaterThan(50);
      for (const href of hrefs) expect(href).toMatch(/^(?:https:\/\/|mailto:digest@example\.org\?)/);
      // The text part's own links (a paper's page, its code, the day, the subscribe page) are absolute too.
      const own = PAPER_LINKS(text, /^(?: {3}(?:Code: )?|.*(?:web|options): )(\S*\/\S*)$/gm);
      expect(own.length).toBeGreaterThan(50);
      for (const url of own) expect(url).toMatch(/^https:\/\//);
    }
  });

  test('e-mail: the site’s message-id is the same for every copy and stable across runs', () => {
    expect(deliveryId(ROOT_URL, DAY, 'email')).toBe(deliveryId(ROOT_URL, DAY, 'email'));
    expect(deliveryId(ROOT_URL, DAY, 'email')).not.toBe(deliveryId('https://u.github.io/', DAY, 'email'));
    expect(deliveryId(ROOT_URL, DAY, 'email')).toMatch(/^2026-07-30\.email\.[0-9a-f]{12}@u\.github\.io$/);
  });

  test('Slack: blocks within the limits, every paper once in order, only our links', async () => {
    await deliver(options({ channels: ['slack'] }));
    const messages = bodies<SlackMessage>(SLACK_PATH);
    // 50 sections of about 450 characters: split by the characters of a message, not by its blocks.
    expect(messages.length).toBe(3);
    const sections: string[] = [];
    for (const message of messages) {
      expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
      expect(message.text.length).toBeGreaterThan(0);
      let total = 0;
      for (const block of message.blocks) {
        const texts = block.type === 'context' ? block.elements : [block.text];
        for (const text of texts) {
          total += text.text.length;
          if (text.type === 'mrkdwn') expect(text.verbatim).toBe(true);
        }
        if (block.type === 'section') {
          expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
          sections.push(block.text.text);
        }
      }
      expect(total).toBeLessThanOrEqual(SLACK_LIMITS.messageText);
    }
    // One section per paper, in the site's order, each title whole in its own section.
    expect(sections.map((text) => /^\*<([^|>]+)\|/.exec(text)?.[1])).toEqual(ORDER.slice(0, 50));
    for (const [index, text] of sections.slice(1).entries())
      expect(text).toContain(`Paper number ${55 - index} about`);
  });

  test('Discord: embeds within every limit, every paper once in order, nobody pinged', async () => {
    await deliver(options({ channels: ['discord'] }));
    const messages = bodies<DiscordMessage>(DISCORD_PATH);
    expect(messages.length).toBe(5);
    const urls: string[] = [];
    for (const message of messages) {
      expect(message.allowed_mentions).toEqual({ parse: [] });
      expect(message.content.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
      expect(message.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embeds);
      let total = 0;
      for (const embed of message.embeds) {
        expect(embed.title?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.title);
        expect(embed.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.description);
        total += (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
        urls.push(embed.url ?? /^\*\*\[.*?\]\(([^)]+)\)\*\*/.exec(embed.description ?? '')?.[1] ?? '');
      }
      expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.embedsTotal);
    }
    expect(urls).toEqual(ORDER.slice(0, 50));
  });

  test('Telegram: sendMessage in HTML within 4,096 characters, every paper once in order', async () => {
    await deliver(options({ channels: ['telegram'] }));
    const requests = hooks.requests.filter((request) => request.path === `/bot${TOKEN}/sendMessage`);
    expect(requests.length).toBeGreaterThan(2);
    const texts: string[] = [];
    for (const request of requests) {
      const body = JSON.parse(request.body) as { chat_id: string; text: string; parse_mode: string };
      expect(body.chat_id).toBe('-100123');
      expect(body.parse_mode).toBe('HTML');
      expect(telegramLength(body.text)).toBeLessThanOrEqual(TELEGRAM_LIMITS.text);
      // Only our own tags: bold, italic and links.
      for (const tag of body.text.match(/<[^>]*>/g) ?? [])
        expect(tag).toMatch(/^<\/?(?:b|i|a)(?: href="[^"]*")?>$/);
      texts.push(body.text);
    }
    const links = texts.flatMap((text) => PAPER_LINKS(text, /<b><a href="([^"]+)">/g));
    expect(links).toEqual(ORDER.slice(0, 50));
  });

  test('webhook: the whole day as a JSON Feed 1.1 document, signed', async () => {
    await deliver(options({ channels: ['webhook'] }));
    const [request] = hooks.requests;
    expect(request?.headers['content-type']).toBe('application/feed+json');
    const expected = `sha256=${createHmac('sha256', WEBHOOK_SECRET)
      .update(request?.body ?? '')
      .digest('hex')}`;
    expect(request?.headers['x-paperboy-signature']).toBe(expected);
    expect(request?.headers['x-paperboy-delivery']).toBe(deliveryId(ROOT_URL, DAY, 'webhook'));
    const feed = JSON.parse(request?.body ?? '{}') as {
      version: string;
      home_page_url: string;
      items: { url: string; id: string }[];
      _paperboy: unknown;
    };
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.home_page_url).toBe(`${ROOT_URL}days/${DAY}/`);
    expect(feed.items.map((item) => item.url)).toEqual(ORDER);
    expect(feed._paperboy).toEqual({ day: DAY });
  });

  test('without a secret the webhook is not signed', async () => {
    const base = options();
    await deliver(
      options({
        channels: ['webhook'],
        settings: { webhook: { url: `${hooks.origin}/hook` }, email: base.settings.email },
      }),
    );
    expect(hooks.requests[0]?.headers['x-paperboy-signature']).toBeUndefined();
  });
});

describe('a hostile record arrives inert on every channel', { timeout: 30_000 }, () => {
  const EVIL = 'https://evil.example';

  test.each(['slack', 'discord', 'telegram'] as const)('%s', async (channel) => {
    await deliver(options({ channels: [channel] }));
    const body = hooks.requests[0]?.body ?? '';
    if (channel === 'slack') {
      const text = (JSON.parse(body) as SlackMessage).blocks
        .flatMap((block) => (block.type === 'context' ? block.elements : [block.text]))
        .map((element) => element.text)
        .join('\n');
      // No broadcast, mention or link of the record's own: every `<` in the text opens one of our links.
      for (const match of text.matchAll(/<([^>]*)>/g))
        expect(match[1]).toMatch(/^https?:\/\/(?!evil)[^|]+\|/);
      expect(text).not.toMatch(/<!|<@/);
      expect(text).toContain('&lt;!channel&gt;');
      expect(text).toContain('&lt;https://evil.example/s|Slack link&gt;');
      expect(text).toContain('<https://github.com/a/b_(x)?q=1%7C2|Code>');
    }
    if (channel === 'discord') {
      const message = JSON.parse(body) as DiscordMessage;
      const text = [
        message.content,
        ...message.embeds.flatMap((embed) => [embed.title ?? '', embed.description ?? '']),
      ].join('\n');
      // Every masked link, @ and < that Discord would read is escaped, except our own links.
      const links = [...text.matchAll(/(?<!\\)\[(?:[^\]\\]|\\.)*\]\(([^)]*)\)/g)].map((match) => match[1]);
      for (const link of links) expect(link).not.toContain('evil');
      expect(text).not.toMatch(/(?<!\\)@(?:everyone|here)/);
      expect(text).not.toMatch(/(?<!\\)</);
      expect(message.allowed_mentions).toEqual({ parse: [] });
      expect(text).toContain('https://github.com/a/b_%28x%29?q=1|2');
    }
    if (channel === 'telegram') {
      const { text } = JSON.parse(body) as { text: string };
      for (const match of text.matchAll(/href="([^"]*)"/g)) expect(match[1]).not.toContain('evil');
      expect(text).toContain('&lt;a href=&quot;https://evil.example/h&quot;&gt;HTML link&lt;/a&gt;');
      expect(text).toContain('@\u2060everyone');
      expect(text).toContain('/\u2060start');
    }
    // The hostile paper's 2,000-character TL;DR is shortened; its title is whole.
    expect(body).toContain('HTML link');
    expect(body).not.toContain(EVIL.replace('https://', 'https://evil'));
  });

  test('e-mail: escaped in the HTML part, plain in the text part, no link of its own', async () => {
    await deliver(options({ channels: ['email'] }));
    const { parsed } = smtp.received[0] as (typeof smtp.received)[number];
    const html = parsed.html as string;
    expect(html).not.toMatch(/<script|<b>bold|href="https:\/\/evil/);
    expect(html).toContain('&lt;b&gt;bold&lt;/b&gt;');
    // A title of left-to-right text, which needs no isolate beside the number before it.
    expect(parsed.text).toContain('1. @everyone @here <!channel>');
  });

  test('webhook: the feed item carries the text as text, its content sanitized', async () => {
    await deliver(options({ channels: ['webhook'] }));
    const feed = JSON.parse(hooks.requests[0]?.body ?? '{}') as {
      items: { title: string; content_html: string }[];
    };
    const item = feed.items[0];
    // As /feed.json gives it.
    expect(item?.title).toBe(hostilePaper(DAY).data.title);
    // The abstract is Markdown, and the site renders its http(s) links (as /feed.json does); the raw
    // HTML of the record is text.
    expect(item?.content_html).not.toMatch(/<script|<b>bold|<a [^>]*href="https:\/\/evil\.example\/h"/);
    expect(item?.content_html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('a failure is retried only when the message was not taken, reported, and sent again only by hand', {
  timeout: 30_000,
}, () => {
  test('5xx: retried, then recorded as failed with day and channel; not sent again until --resend', async () => {
    hooks.script(SLACK_PATH, { status: 500, body: 'internal_error' });
    expect(await deliver(options({ channels: ['slack'] }))).toBe(1);
    expect(hooks.requests.length).toBe(3);
    expect(err.filter((line) => line.includes('sending again'))).toHaveLength(2);
    expect(err.at(-1)).toBe(
      `slack ${DAY}: FAILED: message 1 of 3 failed: HTTP 500 Internal Server Error: internal_error, after 3 attempts. It stays claimed, so it is not sent again automatically; to send it again: npm run deliver -- slack --day ${DAY} --resend`,
    );
    expect(readState(join(root, 'content/delivery-state.json'))[DAY]?.slack).toMatchObject({
      status: 'failed',
      messages: 0,
      error: 'message 1 of 3 failed: HTTP 500 Internal Server Error: internal_error, after 3 attempts',
    });

    hooks.script(SLACK_PATH, {});
    out = [];
    expect(await deliver(options({ channels: ['slack'] }))).toBe(0);
    expect(hooks.requests.length).toBe(3);
    expect(out[0]).toMatch(new RegExp(`^slack ${DAY}: failed at .* \\(test run\\): message 1 of 3 failed`));

    expect(await deliver(options({ channels: ['slack'], resend: true }))).toBe(0);
    expect(hooks.requests.length).toBe(6);
    expect(readState(join(root, 'content/delivery-state.json'))[DAY]?.slack).toMatchObject({
      status: 'sent',
      messages: 3,
    });
  });

  test('429: waits as Retry-After asks, then sends', async () => {
    hooks.script('/hook', { status: 429, headers: { 'retry-after': '0' } }, {});
    expect(await deliver(options({ channels: ['webhook'] }))).toBe(0);
    expect(hooks.requests.length).toBe(2);
    expect(err).toEqual([
      `webhook ${DAY}: message 1 of 1: HTTP 429; sending again in 10 ms (as asked) (attempt 2 of 3)`,
    ]);
  });

  test('429: a Retry-After longer than the cap waits the cap', async () => {
    hooks.script('/hook', { status: 429, headers: { 'retry-after': '3600' } }, {});
    expect(await deliver(options({ channels: ['webhook'] }))).toBe(0);
    const [first, second] = hooks.requests;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(195);
    expect(err).toEqual([
      `webhook ${DAY}: message 1 of 1: HTTP 429; sending again in 200 ms (asked for 3600 s, capped) (attempt 2 of 3)`,
    ]);
  });

  test('429 from Telegram: its retry_after in the body is honoured', async () => {
    hooks.script(
      `/bot${TOKEN}/sendMessage`,
      {
        status: 429,
        headers: { 'content-type': 'application/json' },
        body: '{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 0","parameters":{"retry_after":0}}',
      },
      TELEGRAM_OK,
    );
    expect(await deliver(options({ channels: ['telegram'] }))).toBe(0);
    expect(err[0]).toMatch(
      /^telegram 2026-07-30: message 1 of \d+: HTTP 429; sending again in 10 ms \(as asked\)/,
    );
  });

  test('a timeout is never retried: the message may have arrived', async () => {
    hooks.script(DISCORD_PATH, { hang: true });
    expect(await deliver(options({ channels: ['discord'] }))).toBe(1);
    expect(hooks.requests.length).toBe(1);
    expect(err.at(-1)).toMatch(
      /^discord 2026-07-30: FAILED: message 1 of 5 failed: no answer within 1 s \(timed out; it may have arrived, so it is not sent again\)/,
    );
  });

  test('another 4xx is not retried', async () => {
    hooks.script(DISCORD_PATH, { status: 400, body: '{"message":"Invalid Form Body"}' });
    expect(await deliver(options({ channels: ['discord'] }))).toBe(1);
    expect(hooks.requests.length).toBe(1);
  });

  test('a part-way failure records how many messages went out', async () => {
    hooks.script(DISCORD_PATH, {}, {}, { status: 400, body: 'bad' });
    expect(await deliver(options({ channels: ['discord'] }))).toBe(1);
    expect(readState(join(root, 'content/delivery-state.json'))[DAY]?.discord).toMatchObject({
      status: 'failed',
      messages: 2,
    });
  });

  test('a recipient the server refuses: the others get it, the failure names a position, not an address', async () => {
    smtp.refuse(RECIPIENTS[1] as string);
    expect(await deliver(options({ channels: ['email'] }))).toBe(1);
    expect(smtp.received.map((mail) => mail.envelope.to)).toEqual([[RECIPIENTS[0]], [RECIPIENTS[2]]]);
    expect(err.at(-1)).toMatch(
      /^email 2026-07-30: FAILED: 1 of 3 recipients were not sent it \(recipient 2: .*mailbox unavailable.*\); the other 2 were/,
    );
    expect(err.join('\n')).not.toContain(RECIPIENTS[1]);
  });

  test('a wrong SMTP login claims nothing: the next run tries again', async () => {
    const base = options().settings.email;
    const wrong = { ...base, smtpUrl: smtp.url.replace('secret-password', 'wrong-password') } as NonNullable<
      typeof base
    >;
    expect(await deliver(options({ channels: ['email'], settings: { email: wrong } }))).toBe(1);
    expect(err[0]).toMatch(
      /^email: the SMTP server did not accept the connection or login: .*; nothing claimed or sent$/,
    );
    expect(err[0]).toContain('Invalid login for ***');
    expect(err[0]).not.toMatch(/wrong-password|mailer-account/);
    expect(readState(join(root, 'content/delivery-state.json'))).toEqual({});
  });

  test('no secret reaches stdout, stderr or the state file, even when a service quotes it back', async () => {
    hooks.script(SLACK_PATH, { status: 400, body: `no such webhook: ${hooks.origin}${SLACK_PATH}` });
    hooks.script(DISCORD_PATH, { status: 404, body: `unknown webhook ${DISCORD_PATH.split('/').at(-1)}` });
    hooks.script(`/bot${TOKEN}/sendMessage`, {
      status: 401,
      body: `{"ok":false,"description":"Unauthorized: bot${TOKEN}"}`,
    });
    hooks.script('/hook', { status: 403, body: `bad signature with ${WEBHOOK_SECRET}` });
    smtp.refuse(RECIPIENTS[0] as string);
    expect(await deliver(options())).toBe(1);
    const printed = [...out, ...err, readFileSync(join(root, 'content/delivery-state.json'), 'utf8')].join(
      '\n',
    );
    expect(printed).toContain('no such webhook: http://127.0.0.1');
    for (const secret of [
      SLACK_PATH,
      'slackSecretToken123456',
      'discordSecretToken1234567890',
      TOKEN,
      'AAEsecretTelegramToken_abc',
      WEBHOOK_SECRET,
      'secret-password',
      ...RECIPIENTS,
    ])
      expect(printed).not.toContain(secret);
  });
});

describe('what is sent, and to whom', { timeout: 30_000 }, () => {
  test('a channel whose secret is not set is skipped with one line', async () => {
    expect(await deliver(options({ settings: {} }))).toBe(0);
    expect(out).toEqual([
      'email: skipped: PAPERBOY_SMTP_URL is not set',
      'slack: skipped: PAPERBOY_SLACK_WEBHOOK_URL is not set',
      'discord: skipped: PAPERBOY_DISCORD_WEBHOOK_URL is not set',
      'telegram: skipped: PAPERBOY_TELEGRAM_BOT_TOKEN is not set',
      'webhook: skipped: PAPERBOY_WEBHOOK_URL is not set',
    ]);
    expect(hooks.requests).toEqual([]);
  });

  test('a dry run claims and sends nothing', async () => {
    expect(await deliver(options({ dryRun: true }))).toBe(0);
    expect(out[1]).toBe(
      `slack ${DAY}: would send 50 of 56 papers in 3 messages (dry run: nothing claimed or sent)`,
    );
    expect(hooks.requests).toEqual([]);
    expect(smtp.received).toEqual([]);
    expect(readState(join(root, 'content/delivery-state.json'))).toEqual({});
  });

  test('recipients go in batches of at most PAPERBOY_MAIL_PER_MINUTE a minute', async () => {
    const base = options().settings.email;
    const email = {
      ...base,
      to: ['a@x.org', 'b@x.org', 'c@x.org', 'd@x.org', 'e@x.org'],
      perMinute: 2,
    } as NonNullable<typeof base>;
    const started = performance.now();
    expect(await deliver(options({ channels: ['email'], settings: { email }, mailWindowMs: 400 }))).toBe(0);
    expect(performance.now() - started).toBeGreaterThanOrEqual(800);
    expect(smtp.received).toHaveLength(5);
    expect(out.filter((line) => line.includes('next batch'))).toEqual([
      `email ${DAY}: sent 2 of 5; the next batch in 1 s (2 a minute)`,
      `email ${DAY}: sent 4 of 5; the next batch in 1 s (2 a minute)`,
    ]);
  });

  test('a channel limited to a topic gets only that topic’s papers, and says so', async () => {
    const slack = { url: `${hooks.origin}${SLACK_PATH}`, topic: 'biology' };
    await deliver(options({ channels: ['slack'], settings: { slack } }));
    const messages = bodies<SlackMessage>(SLACK_PATH);
    const header = messages[0]?.blocks[0];
    expect(header?.type === 'header' && header.text.text).toBe(
      'Paperboy · Science & medicine: Thursday, 30 July 2026',
    );
    const titles = messages.flatMap((message) =>
      message.blocks.flatMap((block) =>
        block.type === 'section' ? [/\|([^>]*)>\*/.exec(block.text.text)?.[1]] : [],
      ),
    );
    expect(titles.length).toBe(28);
    for (const title of titles) expect(title).toMatch(/protein folding/);
  });

  test('a topic without papers that day: recorded, nothing sent', async () => {
    const slack = { url: `${hooks.origin}${SLACK_PATH}`, topic: 'robotics' };
    expect(await deliver(options({ channels: ['slack'], settings: { slack } }))).toBe(0);
    expect(out).toEqual([`slack ${DAY}: no papers of topic robotics; nothing to send`]);
    expect(hooks.requests).toEqual([]);
    expect(readState(join(root, 'content/delivery-state.json'))[DAY]?.slack).toMatchObject({
      status: 'sent',
      messages: 0,
    });
  });

  test('a topic the taxonomy lacks stops the run before anything is claimed', async () => {
    const slack = { url: `${hooks.origin}${SLACK_PATH}`, topic: 'no-such-topic' };
    await expect(deliver(options({ channels: ['slack'], settings: { slack } }))).rejects.toThrow(
      'PAPERBOY_SLACK_TOPIC: "no-such-topic" is not a topic of content/topics.yaml',
    );
  });

  test('without --day: the days of the last PAPERBOY_DELIVER_DAYS days not yet sent, oldest first; never the archive', async () => {
    writeStore(root, [paper({ id: 'archive', day: '2026-07-20' })]);
    const webhook = { url: `${hooks.origin}/hook` };
    expect(await deliver(options({ day: undefined, channels: ['webhook'], settings: { webhook } }))).toBe(0);
    expect(out).toEqual([
      `webhook 2026-07-29: sent 1 paper in 1 message`,
      `webhook ${DAY}: sent 56 papers in 1 message`,
    ]);
    out = [];
    expect(await deliver(options({ day: undefined, channels: ['webhook'], settings: { webhook } }))).toBe(0);
    expect(out).toEqual(['webhook: nothing new to send (days since 2026-07-29)']);
    expect(hooks.requests).toHaveLength(2);
  });

  test('--day sends an old day, once; a day without papers is a usage error', async () => {
    writeStore(root, [paper({ id: 'archive', day: '2026-07-20' })]);
    const webhook = { url: `${hooks.origin}/hook` };
    expect(await deliver(options({ day: '2026-07-20', channels: ['webhook'], settings: { webhook } }))).toBe(
      0,
    );
    expect(await deliver(options({ day: '2026-07-20', channels: ['webhook'], settings: { webhook } }))).toBe(
      0,
    );
    expect(out[1]).toMatch(/^webhook 2026-07-20: already sent at .* \(test run\); --resend sends it again$/);
    expect(hooks.requests).toHaveLength(1);
    await expect(
      deliver(options({ day: '2026-07-21', channels: ['webhook'], settings: { webhook } })),
    ).rejects.toThrow('no papers are stored for 2026-07-21');
  });
});
