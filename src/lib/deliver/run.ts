import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MailSettings, TelegramSettings, WebhookSettings } from '../../settings.ts';
import { addDays, todayUtc } from '../model/day.ts';
import { type TopicData, topicResolver } from '../model/topic.ts';
import type { Day, Paper } from '../site/digest.ts';
import { type EmailDay, emailDay } from '../site/email.ts';
import { countLabel } from '../site/format.ts';
import { absoluteUrl, siteRoot } from '../site/paths.ts';
import { createPaperRenderer } from '../site/render-paper.ts';
import { discordMessages } from './discord.ts';
import { emailContent, sendEmail, verifySmtp } from './email.ts';
import { type PostOptions, post } from './post.ts';
import { readPublished } from './published.ts';
import { createRedactor } from './redact.ts';
import { slackMessages } from './slack.ts';
import { type Channel, claimDays, type DeliveryRecord, finishDay, readState } from './state.ts';
import { telegramMessages } from './telegram.ts';
import { dayFeed, signature } from './webhook.ts';

/**
 * `npm run deliver`'s work: which days each channel still needs, the claim, the messages, the sending
 * and the record of how it went. Everything it prints goes through one redactor of every secret the
 * run knows. Each channel is independent: one that fails does not stop the others, but fails the run.
 */

export interface ChannelSettings {
  email?: MailSettings | undefined;
  slack?: WebhookSettings | undefined;
  discord?: WebhookSettings | undefined;
  telegram?: TelegramSettings | undefined;
  webhook?: WebhookSettings | undefined;
}

/** The variable whose absence turns a channel off, for the one line that says it was skipped. */
const SWITCH: Record<Channel, string> = {
  email: 'PAPERBOY_SMTP_URL',
  slack: 'PAPERBOY_SLACK_WEBHOOK_URL',
  discord: 'PAPERBOY_DISCORD_WEBHOOK_URL',
  telegram: 'PAPERBOY_TELEGRAM_BOT_TOKEN',
  webhook: 'PAPERBOY_WEBHOOK_URL',
};

/** Each channel's topic variable, for the message about a topic the taxonomy lacks. */
const TOPIC_VARIABLE: Record<Channel, string> = {
  email: 'PAPERBOY_MAIL_TOPIC',
  slack: 'PAPERBOY_SLACK_TOPIC',
  discord: 'PAPERBOY_DISCORD_TOPIC',
  telegram: 'PAPERBOY_TELEGRAM_TOPIC',
  webhook: 'PAPERBOY_WEBHOOK_TOPIC',
};

/**
 * Pauses between two messages of one day, below each service's rate for a webhook or chat: Slack
 * takes about one message a second per webhook; Telegram one a second per chat. Discord says its
 * limits in each answer, and a 429 is waited out.
 */
const PAUSE_MS: Record<Channel, number> = { email: 0, slack: 1100, discord: 0, telegram: 1100, webhook: 0 };

export interface DeliverOptions {
  channels: readonly Channel[];
  /** `--day`: this day only, however old; else the days not yet sent within `windowDays`. */
  day?: string | undefined;
  dryRun: boolean;
  resend: boolean;
  now: Date;
  windowDays: number;
  statePath: string;
  root: string;
  globs: readonly string[];
  site: { title: string; url: string; basePath: string };
  /** Papers a delivery lists: the day page's first page; the rest are pointed to. */
  pageSize: number;
  settings: ChannelSettings;
  http: Omit<PostOptions, 'onRetry' | 'retryAfterOf' | 'minIntervalMs'>;
  /** Who claims: the workflow run, or this process. */
  by: string;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Shorter pauses and e-mail batch windows, for tests. */
  pauseMs?: Partial<Record<Channel, number>>;
  mailWindowMs?: number;
}

/** A usage or configuration error: nothing was claimed or sent (exit code 2). */
export class DeliverUsageError extends Error {}

interface ChannelDay {
  day: string;
  papers: Paper[];
  view: EmailDay;
  topic?: TopicData | undefined;
}

interface Sent {
  messages: number;
}

/** `<2026-07-30.email.1a2b3c4d5e6f@user.github.io>` without the brackets: one id per site, day and channel. */
export function deliveryId(site: string, day: string, channel: Channel): string {
  const url = new URL(site);
  const hash = createHash('sha256').update(site).digest('hex').slice(0, 12);
  return `${day}.${channel}.${hash}@${url.hostname}`;
}

/** Every secret of the channels' settings, for the redactor. */
export function secretsOf(settings: ChannelSettings): string[] {
  const secrets: (string | undefined)[] = [
    settings.email?.smtpUrl,
    ...(settings.email?.to ?? []),
    settings.slack?.url,
    settings.discord?.url,
    settings.telegram?.token,
    settings.telegram?.chatId,
    settings.webhook?.url,
    settings.webhook?.secret,
  ];
  return secrets.filter((secret): secret is string => secret !== undefined);
}

function describeRecord(record: DeliveryRecord): string {
  if (record.status === 'sent') return `already sent at ${record.finished ?? record.claimed} (${record.by})`;
  if (record.status === 'failed')
    return `failed at ${record.finished ?? record.claimed} (${record.by}): ${record.error ?? 'no reason recorded'}`;
  return `claimed at ${record.claimed} by ${record.by} and not finished: that run is still sending, or it stopped part-way (then look in the channel before sending it again)`;
}

export async function deliver(options: DeliverOptions): Promise<number> {
  const redact = createRedactor(secretsOf(options.settings));
  const say = (line: string) => options.out(redact(line));
  const warn = (line: string) => options.err(redact(line));
  const root = siteRoot(options.site.url, options.site.basePath);
  const url = (route: string) => absoluteUrl(route, options.site.url, options.site.basePath);

  const active = options.channels.filter((channel) => {
    if (options.settings[channel] !== undefined) return true;
    say(`${channel}: skipped: ${SWITCH[channel]} is not set`);
    return false;
  });
  if (active.length === 0) return 0;

  const today = todayUtc(options.now);
  const earliest = addDays(today, 1 - options.windowDays);
  const wanted =
    options.day === undefined ? (day: string) => day >= earliest : (day: string) => day === options.day;
  const published = await readPublished(options.root, options.globs, wanted);
  if (options.day !== undefined && !published.days.includes(options.day))
    throw new DeliverUsageError(`no papers are stored for ${options.day}: nothing to send`);
  const candidates = published.digest.days.map((day) => day.day).sort();
  const topics = new Map(published.taxonomy.map((topic) => [topic.id, topic]));
  // A renamed topic keeps its channels: a former id leads to the topic that took it over.
  const resolveTopic = topicResolver(published.taxonomy);
  const channelTopic = new Map<Channel, TopicData>();
  for (const channel of active) {
    const slug = options.settings[channel]?.topic;
    if (slug === undefined) continue;
    const topic = resolveTopic(slug);
    if (topic === undefined)
      throw new DeliverUsageError(
        `${TOPIC_VARIABLE[channel]}: "${slug}" is not a topic of content/topics.yaml`,
      );
    if (topic.id !== slug)
      warn(
        `${TOPIC_VARIABLE[channel]}: "${slug}" is a former id of "${topic.id}"; sending ${topic.id}'s papers`,
      );
    channelTopic.set(channel, topic);
  }
  const renderer = createPaperRenderer(warn);
  const topicName = (slug: string) => topics.get(slug)?.name ?? slug;

  const shape = (channel: Channel, day: Day): ChannelDay => {
    const topic = channelTopic.get(channel);
    const papers = topic ? day.papers.filter((paper) => paper.topics.includes(topic.id)) : day.papers;
    const listed = papers.slice(0, options.pageSize);
    const view = emailDay(
      day,
      { siteTitle: options.site.title, url, abstractOpening: renderer.abstractOpening },
      listed,
    );
    return {
      day: day.day,
      papers,
      topic,
      view: {
        ...view,
        topicName: topic?.name,
        morePapers: papers.length - listed.length,
        ...(channel === 'email' ? { unsubscribeUrl: options.settings.email?.unsubscribe } : {}),
      },
    };
  };

  /** The messages of one channel's day, as JSON bodies (e-mail aside), for sending and for `--dry-run`. */
  const requests = (
    channel: Exclude<Channel, 'email'>,
    item: ChannelDay,
  ): { body: string; headers: Record<string, string> }[] => {
    const json = { 'content-type': 'application/json' };
    switch (channel) {
      case 'slack':
        return slackMessages(item.view).map((message) => ({ body: JSON.stringify(message), headers: json }));
      case 'discord':
        return discordMessages(item.view).map((message) => ({
          body: JSON.stringify(message),
          headers: json,
        }));
      case 'telegram':
        return telegramMessages(item.view).map((message) => ({
          body: JSON.stringify({ chat_id: options.settings.telegram?.chatId, ...message }),
          headers: json,
        }));
      case 'webhook': {
        const body = JSON.stringify(
          dayFeed({
            siteTitle: options.site.title,
            siteRoot: root,
            day: item.day,
            papers: item.papers,
            topic: item.topic,
            topicName,
            renderer,
          }),
        );
        const secret = options.settings.webhook?.secret;
        return [
          {
            body,
            headers: {
              'content-type': 'application/feed+json',
              'x-paperboy-delivery': deliveryId(root, item.day, 'webhook'),
              'x-paperboy-day': item.day,
              ...(secret ? { 'x-paperboy-signature': signature(body, secret) } : {}),
            },
          },
        ];
      }
    }
  };

  const endpoint = (channel: Exclude<Channel, 'email'>): string => {
    const { settings } = options;
    if (channel === 'telegram') return `${settings.telegram?.api}/bot${settings.telegram?.token}/sendMessage`;
    return settings[channel]?.url as string;
  };

  /** Sends one day's messages in order, stopping at the first that fails. */
  const sendChat = async (channel: Exclude<Channel, 'email'>, item: ChannelDay): Promise<Sent> => {
    const messages = requests(channel, item);
    const label = `${channel} ${item.day}`;
    for (const [index, message] of messages.entries()) {
      if (index > 0) await sleep(options.pauseMs?.[channel] ?? PAUSE_MS[channel]);
      const result = await post(
        endpoint(channel),
        message.body,
        message.headers,
        {
          ...options.http,
          onRetry: (_, text) => warn(`${label}: message ${index + 1} of ${messages.length}: ${text}`),
          ...(channel === 'telegram' ? { retryAfterOf: telegramRetryAfter } : {}),
        },
        label,
      );
      const refused = result.ok && channel === 'telegram' ? telegramRefusal(result.body) : undefined;
      if (!result.ok || refused !== undefined) {
        const reason = result.ok ? (refused as string) : result.message;
        throw new SendError(`message ${index + 1} of ${messages.length} failed: ${reason}`, index);
      }
    }
    return { messages: messages.length };
  };

  const sendMail = async (item: ChannelDay): Promise<Sent> => {
    const mail = options.settings.email as MailSettings;
    const host = new URL(root).hostname;
    const outcome = await sendEmail(emailContent(item.view), {
      smtpUrl: mail.smtpUrl,
      from: mail.from,
      to: mail.to,
      unsubscribe: mail.unsubscribe,
      messageId: `<${deliveryId(root, item.day, 'email')}>`,
      listId: {
        id: `${options.site.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.${host}`,
        name: options.site.title,
      },
      perMinute: mail.perMinute,
      ...(options.mailWindowMs === undefined ? {} : { windowMs: options.mailWindowMs }),
      onBatch: (line) => say(`email ${item.day}: ${line}`),
    });
    if (outcome.failures.length > 0) {
      const first = outcome.failures[0] as { recipient: number; message: string };
      throw new SendError(
        `${outcome.failures.length} of ${mail.to.length} recipients were not sent it (recipient ${first.recipient}: ${first.message}); the other ${outcome.sent} were`,
        outcome.sent,
      );
    }
    return { messages: outcome.sent };
  };

  let failed = false;
  for (const channel of active) {
    const state = readState(options.statePath);
    const pending = options.resend
      ? candidates
      : candidates.filter((day) => state[day]?.[channel] === undefined);
    for (const day of candidates)
      if (!pending.includes(day)) {
        const record = state[day]?.[channel] as DeliveryRecord;
        if (options.day !== undefined || record.status !== 'sent')
          say(
            `${channel} ${day}: ${describeRecord(record)}${record.status === 'sent' ? '; --resend sends it again' : `; to send it again: npm run deliver -- ${channel} --day ${day} --resend`}`,
          );
      }
    if (pending.length === 0) {
      if (options.day === undefined) say(`${channel}: nothing new to send (days since ${earliest})`);
      continue;
    }
    const items = pending.map((day) => shape(channel, published.digest.day(day) as Day));
    if (options.dryRun) {
      for (const item of items) {
        const count =
          item.papers.length === 0
            ? 0
            : channel === 'email'
              ? (options.settings.email?.to.length ?? 0)
              : requests(channel, item).length;
        say(
          `${channel} ${item.day}: would send ${listed(channel, item)} in ${messages(channel, count)} (dry run: nothing claimed or sent)`,
        );
      }
      continue;
    }
    if (channel === 'email') {
      try {
        await verifySmtp(options.settings.email?.smtpUrl as string);
      } catch (error) {
        warn(
          `email: the SMTP server did not accept the connection or login: ${(error as Error).message}; nothing claimed or sent`,
        );
        failed = true;
        continue;
      }
    }
    const claim = await claimDays(options.statePath, channel, pending, {
      resend: options.resend,
      by: options.by,
      // When the claim is made, not when the run began: a claim says how long it has been held.
      now: new Date(),
    });
    for (const { day, record } of claim.held) say(`${channel} ${day}: ${describeRecord(record)}`);
    for (const item of items.filter((entry) => claim.claimed.includes(entry.day))) {
      if (item.papers.length === 0) {
        say(`${channel} ${item.day}: no papers of topic ${item.topic?.id}; nothing to send`);
        await finishDay(options.statePath, channel, item.day, {
          status: 'sent',
          papers: 0,
          messages: 0,
          finished: new Date(),
        });
        continue;
      }
      try {
        const sent = channel === 'email' ? await sendMail(item) : await sendChat(channel, item);
        await finishDay(options.statePath, channel, item.day, {
          status: 'sent',
          papers: sentPapers(channel, item),
          messages: sent.messages,
          finished: new Date(),
        });
        say(`${channel} ${item.day}: sent ${listed(channel, item)} in ${messages(channel, sent.messages)}`);
      } catch (error) {
        if (!(error instanceof SendError)) throw error;
        failed = true;
        const reason = redact(error.message);
        await finishDay(options.statePath, channel, item.day, {
          status: 'failed',
          papers: sentPapers(channel, item),
          messages: error.sent,
          error: reason,
          finished: new Date(),
        });
        warn(
          `${channel} ${item.day}: FAILED: ${reason}. It stays claimed, so it is not sent again automatically; to send it again: npm run deliver -- ${channel} --day ${item.day} --resend`,
        );
      }
    }
  }
  return failed ? 1 : 0;
}

/** The webhook gets the whole day (a program reads it); the others list the day's first page. */
function sentPapers(channel: Channel, item: ChannelDay): number {
  return channel === 'webhook' ? item.papers.length : item.view.papers.length;
}

/** `50 of 56 papers` (the rest are linked), or `56 papers`. */
function listed(channel: Channel, item: ChannelDay): string {
  const count = sentPapers(channel, item);
  return count < item.papers.length ? `${count} of ${item.papers.length} papers` : countLabel(count, 'paper');
}

function messages(channel: Channel, count: number): string {
  return channel === 'email' ? countLabel(count, 'e-mail') : countLabel(count, 'message');
}

class SendError extends Error {
  readonly sent: number;
  constructor(message: string, sent: number) {
    super(message);
    this.sent = sent;
  }
}

/** Telegram's flood control says its wait in the body (`parameters.retry_after`, seconds). */
function telegramRetryAfter(body: string): number | undefined {
  try {
    const seconds = (JSON.parse(body) as { parameters?: { retry_after?: unknown } }).parameters?.retry_after;
    return typeof seconds === 'number' ? seconds * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** Telegram answers `{"ok": false, "description": …}` when it did not post; undefined when it did. */
function telegramRefusal(body: string): string | undefined {
  try {
    const answer = JSON.parse(body) as { ok?: unknown; description?: unknown };
    return answer.ok === true ? undefined : `Telegram did not post it: ${String(answer.description ?? body)}`;
  } catch {
    return `Telegram answered with something other than JSON: ${body.slice(0, 200)}`;
  }
}
