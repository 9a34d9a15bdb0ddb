import { hostname } from 'node:os';
import { parseCommandLine, type UsageError, usageError } from '../../command-line.ts';
import { settings } from '../../settings.ts';
import { RETRY_POLICY } from '../fetch/http.ts';
import { isRealDay } from '../model/day.ts';
import { createRedactor } from './redact.ts';
import { type ChannelSettings, DeliverUsageError, deliver, secretsOf } from './run.ts';
import { CHANNELS, type Channel, StateError } from './state.ts';

/**
 * `npm run deliver -- email|slack|discord|telegram|webhook|all … [--day DAY] [--dry-run] [--resend]`
 * Thin wrapper: reads the settings and the arguments, runs the delivery, sets the exit code.
 */

const TOOL = {
  name: 'deliver',
  usage: `usage: npm run deliver -- CHANNEL… [--day DAY] [--dry-run] [--resend]
CHANNEL is email, slack, discord, telegram, webhook or all. Without --day it sends each channel the days
of the last PAPERBOY_DELIVER_DAYS days (UTC) that it has not been sent; --day sends that day (YYYY-MM-DD),
if not sent yet; --resend sends it even so. --dry-run says what it would send, and claims and sends nothing.`,
};
const fail: UsageError = usageError(TOOL);
const { values, positionals } = parseCommandLine(TOOL, {
  allowPositionals: true,
  options: {
    day: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    resend: { type: 'boolean', default: false },
  },
});
if (positionals.length === 0) fail('name a channel');
const channels = new Set<Channel>();
for (const name of positionals) {
  if (name === 'all') for (const channel of CHANNELS) channels.add(channel);
  else if ((CHANNELS as readonly string[]).includes(name)) channels.add(name as Channel);
  else fail(`unknown channel "${name}"`);
}
if (values.day !== undefined && !isRealDay(values.day))
  fail(`--day must be a day like 2026-07-30, got "${values.day}"`);
if (values.resend && values.day === undefined) fail('--resend needs --day: it sends one day again, by hand');

function channelSettings(): ChannelSettings {
  try {
    return {
      email: channels.has('email') ? settings.mail : undefined,
      slack: channels.has('slack') ? settings.slack : undefined,
      discord: channels.has('discord') ? settings.discord : undefined,
      telegram: channels.has('telegram') ? settings.telegram : undefined,
      webhook: channels.has('webhook') ? settings.webhook : undefined,
    };
  } catch (error) {
    // A settings error names the variable, never a secret's value.
    process.stderr.write(`deliver: ${(error as Error).message}\n`);
    process.exit(2);
  }
}

const channelConfig = channelSettings();
const redact = createRedactor(secretsOf(channelConfig));
const repository = settings.githubRepository;
try {
  process.exitCode = await deliver({
    channels: [...channels],
    day: values.day,
    dryRun: values['dry-run'],
    resend: values.resend,
    now: new Date(),
    windowDays: settings.deliverDays,
    statePath: settings.deliverState,
    root: settings.root,
    globs: settings.contentGlobs,
    site: { title: settings.title, url: settings.siteUrl, basePath: settings.basePath },
    pageSize: settings.dayPageSize,
    settings: channelConfig,
    http: {
      userAgent: `Paperboy/0.1 (delivery${repository ? `; +https://github.com/${repository}` : ''})`,
      timeoutMs: settings.deliverTimeoutMs,
      retries: RETRY_POLICY.retries,
      backoffMs: settings.deliverBackoffMs,
      maxWaitMs: RETRY_POLICY.maxWaitMs,
      maxBytes: settings.fetchMaxBytes,
    },
    by: settings.githubRunId
      ? `GitHub Actions run ${settings.githubRunId}`
      : `pid ${process.pid} on host ${hostname()}`,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
} catch (error) {
  if (error instanceof DeliverUsageError) fail(error.message);
  // Whatever went wrong, its message passes the redactor too.
  const known = error instanceof StateError;
  process.stderr.write(
    `deliver: ${redact(known ? error.message : String((error as Error).stack ?? error))}\n`,
  );
  process.exitCode = 1;
}
