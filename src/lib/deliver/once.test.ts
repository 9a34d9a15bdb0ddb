import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  type HookServer,
  PROJECT,
  paper,
  runDeliverCli,
  type SmtpServer,
  startHookServer,
  startSmtpServer,
  writeStore,
} from '../../../tests/delivery-servers.ts';
import { ENVIRONMENT } from '../../settings.ts';
import { readState } from './state.ts';

/**
 * Once per day and channel, through the real CLI (`npm run deliver`): run twice, and run twice at the
 * same moment in two processes. Each day reaches each channel once: the claim is made under a lock
 * before anything is sent.
 */

/** Yesterday and today (UTC), so that a run without --day finds them recent. */
const DAYS = [-1, 0].map((offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10));
const TOKEN = '123456789:AAEonceToken';
const RECIPIENTS = ['ada@example.org', 'bob@example.net'];

let hooks: HookServer;
let smtp: SmtpServer;
let root: string;

beforeEach(async () => {
  [hooks, smtp] = await Promise.all([startHookServer(), startSmtpServer()]);
  hooks.script(`/bot${TOKEN}/sendMessage`, {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: '{"ok":true}',
  });
  root = mkdtempSync(join(tmpdir(), 'paperboy-once-'));
  writeStore(
    root,
    DAYS.flatMap((day) => [1, 2, 3].map((n) => paper({ id: `${day}-${n}`, day, upvotes: n }))),
  );
});
afterEach(async () => {
  await Promise.all([hooks.close(), smtp.close()]);
  rmSync(root, { recursive: true, force: true });
});

function env(): Record<string, string> {
  return {
    SITE_URL: 'https://u.github.io',
    BASE_PATH: '/paperboy/',
    PAPERBOY_CONTENT: '',
    PAPERBOY_DELIVER_STATE: '',
    // Three, not two: a test that runs across midnight (UTC) still finds yesterday recent.
    PAPERBOY_DELIVER_DAYS: '3',
    PAPERBOY_DELIVER_BACKOFF_MS: '10',
    PAPERBOY_DELIVER_TIMEOUT_MS: '5000',
    PAPERBOY_SMTP_URL: smtp.url,
    PAPERBOY_MAIL_FROM: 'Paperboy <digest@example.org>',
    PAPERBOY_MAIL_TO: RECIPIENTS.join(', '),
    PAPERBOY_MAIL_UNSUBSCRIBE: '',
    PAPERBOY_SLACK_WEBHOOK_URL: `${hooks.origin}/slack/T1/B2/onceSlackToken12345`,
    PAPERBOY_DISCORD_WEBHOOK_URL: `${hooks.origin}/discord/1/onceDiscordToken12345`,
    PAPERBOY_TELEGRAM_BOT_TOKEN: TOKEN,
    PAPERBOY_TELEGRAM_CHAT_ID: '-1001',
    PAPERBOY_TELEGRAM_API: hooks.origin,
    PAPERBOY_WEBHOOK_URL: `${hooks.origin}/hook`,
    PAPERBOY_WEBHOOK_SECRET: 'once-secret',
    PAPERBOY_MAIL_TOPIC: '',
    PAPERBOY_SLACK_TOPIC: '',
    PAPERBOY_DISCORD_TOPIC: '',
    PAPERBOY_TELEGRAM_TOPIC: '',
    PAPERBOY_WEBHOOK_TOPIC: '',
  };
}

/** How many times each day reached each channel, from what the servers received. */
function received(): Record<string, number> {
  const counts: Record<string, number> = {};
  const add = (key: string) => {
    counts[key] = (counts[key] ?? 0) + 1;
  };
  for (const request of hooks.requests) {
    const channel = request.path.startsWith('/slack')
      ? 'slack'
      : request.path.startsWith('/discord')
        ? 'discord'
        : request.path.startsWith('/bot')
          ? 'telegram'
          : 'webhook';
    const day = DAYS.find(
      (candidate) =>
        request.body.includes(candidate.slice(0, 8)) && request.body.includes(`/days/${candidate}/`),
    );
    add(`${day} ${channel}`);
  }
  for (const mail of smtp.received) {
    const day = DAYS.find((candidate) => (mail.parsed.text ?? '').includes(`/days/${candidate}/`));
    add(`${day} email to ${mail.envelope.to.join(',')}`);
  }
  return counts;
}

/** Each day once on each channel, and the e-mail once to each recipient. */
const ONCE = Object.fromEntries(
  DAYS.flatMap((day) => [
    ...['slack', 'discord', 'telegram', 'webhook'].map((channel) => [`${day} ${channel}`, 1]),
    ...RECIPIENTS.map((address) => [`${day} email to ${address}`, 1]),
  ]),
);

describe('once per day and channel, through npm run deliver', { timeout: 120_000 }, () => {
  test('run twice: the second run sends nothing', async () => {
    const first = await runDeliverCli(root, ['all', '--day', DAYS[0] as string], env());
    const second = await runDeliverCli(root, ['all', '--day', DAYS[0] as string], env());
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout.trim().split('\n')).toEqual([
      `email ${DAYS[0]}: sent 3 papers in 2 e-mails`,
      `slack ${DAYS[0]}: sent 3 papers in 1 message`,
      `discord ${DAYS[0]}: sent 3 papers in 1 message`,
      `telegram ${DAYS[0]}: sent 3 papers in 1 message`,
      `webhook ${DAYS[0]}: sent 3 papers in 1 message`,
    ]);
    expect(second.code).toBe(0);
    for (const line of second.stdout.trim().split('\n'))
      expect(line).toMatch(
        new RegExp(
          `^\\w+ ${DAYS[0]}: already sent at .* \\(pid \\d+ on host .*\\); --resend sends it again$`,
        ),
      );
    const counts = received();
    expect(Object.values(counts).every((count) => count === 1)).toBe(true);
    expect(Object.keys(counts)).toHaveLength(6);
  });

  test('two runs at once, in two processes: each day reaches each channel once', async () => {
    const runs = await Promise.all([
      runDeliverCli(root, ['all', '--day', DAYS[0] as string], env()),
      runDeliverCli(root, ['all', '--day', DAYS[0] as string], env()),
      runDeliverCli(root, ['all', '--day', DAYS[1] as string], env()),
      runDeliverCli(root, ['all', '--day', DAYS[1] as string], env()),
    ]);
    for (const run of runs) expect(run.code).toBe(0);
    expect(received()).toEqual(ONCE);
    const state = readState(join(root, 'content/delivery-state.json'));
    for (const day of DAYS)
      for (const channel of ['email', 'slack', 'discord', 'telegram', 'webhook'] as const)
        expect(state[day]?.[channel]?.status).toBe('sent');
    // Of each pair, one sent a channel's day and the other found it claimed (or sent) and left it.
    for (const pair of [runs.slice(0, 2), runs.slice(2)]) {
      const lines = pair.flatMap((run) => run.stdout.trim().split('\n'));
      expect(lines.filter((line) => / sent \d papers in /.test(line))).toHaveLength(5);
      expect(lines.filter((line) => /: (?:claimed at|already sent at) /.test(line))).toHaveLength(5);
    }
  });

  test('without --day, at once: the recent days once each', async () => {
    const runs = await Promise.all([
      runDeliverCli(root, ['all'], env()),
      runDeliverCli(root, ['all'], env()),
    ]);
    for (const run of runs) expect(run.code).toBe(0);
    expect(received()).toEqual(ONCE);
  });

  test('the state file is the README’s, and says what went where', async () => {
    await runDeliverCli(root, ['webhook', '--day', DAYS[1] as string], env());
    const state = JSON.parse(readFileSync(join(root, 'content/delivery-state.json'), 'utf8')) as {
      version: number;
      deliveries: Record<
        string,
        Record<string, { status: string; by: string; messages: number; papers: number }>
      >;
    };
    expect(state.version).toBe(1);
    expect(state.deliveries[DAYS[1] as string]?.webhook).toMatchObject({
      status: 'sent',
      messages: 1,
      papers: 3,
    });
    // The file the README names, and the setting's default.
    const readme = readFileSync(join(PROJECT, 'README.md'), 'utf8');
    expect(readme).toContain('`content/delivery-state.json`');
    expect(ENVIRONMENT.find((variable) => variable.name === 'PAPERBOY_DELIVER_STATE')?.default).toBe(
      'content/delivery-state.json',
    );
  });
});
