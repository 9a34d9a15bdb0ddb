/**
 * What each channel receives, written to a folder: runs the real `npm run deliver` against the local
 * stand-ins the tests use (a real SMTP server, HTTP servers for Slack, Discord, Telegram and the
 * webhook), for a day of this project's store, and saves every message as the server saw it. For the
 * README's examples and for looking at the e-mail (`npm run screenshots -- --full --pages email.html
 * file://OUT_DIR/ OUT_DIR`). Sends nothing off this machine and leaves content/ as it is.
 * Usage: node scripts/delivery-examples.ts [--day 2026-07-30] [--hostile] OUT_DIR
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  hostilePaper,
  PROJECT,
  paper,
  runDeliverCli,
  startHookServer,
  startSmtpServer,
  writeStore,
} from '../tests/delivery-servers.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { day: { type: 'string', default: '2026-07-30' }, hostile: { type: 'boolean', default: false } },
});
const out = resolve(positionals[0] ?? 'delivery-examples');
mkdirSync(out, { recursive: true });
const TOKEN = '123456789:AAE-example-token';

// --hostile: a store of its own, the hostile record of the tests and two ordinary papers.
const store = values.hostile ? mkdtempSync(join(tmpdir(), 'paperboy-examples-')) : PROJECT;
if (values.hostile)
  writeStore(store, [
    hostilePaper(values.day),
    paper({ id: 'ordinary-1', day: values.day, upvotes: 5, links: { code: 'https://github.com/lab/one' } }),
    paper({ id: 'ordinary-2', day: values.day, upvotes: 3 }),
  ]);

const [hooks, smtp] = await Promise.all([startHookServer(), startSmtpServer()]);
hooks.script(`/bot${TOKEN}/sendMessage`, {
  headers: { 'content-type': 'application/json' },
  body: '{"ok":true}',
});
try {
  const run = await runDeliverCli(store, ['all', '--day', values.day], {
    SITE_URL: 'https://user.github.io',
    BASE_PATH: '/paperboy/',
    PAPERBOY_DELIVER_STATE: join(out, 'delivery-state.json'),
    PAPERBOY_SMTP_URL: smtp.url,
    PAPERBOY_MAIL_FROM: 'Paperboy <digest@example.org>',
    PAPERBOY_MAIL_TO: 'reader-one@example.org, reader-two@example.net',
    PAPERBOY_SLACK_WEBHOOK_URL: `${hooks.origin}/slack/T0000/B0000/exampleSlackToken`,
    PAPERBOY_DISCORD_WEBHOOK_URL: `${hooks.origin}/discord/0000/exampleDiscordToken`,
    PAPERBOY_TELEGRAM_BOT_TOKEN: TOKEN,
    PAPERBOY_TELEGRAM_CHAT_ID: '-1001234567890',
    PAPERBOY_TELEGRAM_API: hooks.origin,
    PAPERBOY_WEBHOOK_URL: `${hooks.origin}/hook`,
    PAPERBOY_WEBHOOK_SECRET: 'example-signing-secret',
  });
  writeFileSync(join(out, 'deliver.stdout.txt'), run.stdout);
  writeFileSync(join(out, 'deliver.stderr.txt'), run.stderr);
  for (const [index, mail] of smtp.received.entries()) {
    writeFileSync(join(out, `email-${index + 1}.eml`), mail.raw);
    writeFileSync(
      join(out, `email-${index + 1}.envelope.json`),
      `${JSON.stringify(mail.envelope, null, 2)}\n`,
    );
  }
  const first = smtp.received[0];
  if (first) {
    writeFileSync(join(out, 'email.html'), String(first.parsed.html));
    writeFileSync(join(out, 'email.txt'), first.parsed.text ?? '');
  }
  const counts = new Map<string, number>();
  for (const request of hooks.requests) {
    const channel = request.path.split('/')[1]?.startsWith('bot')
      ? 'telegram'
      : (request.path.split('/')[1] ?? 'other');
    const count = (counts.get(channel) ?? 0) + 1;
    counts.set(channel, count);
    const body = JSON.parse(request.body) as unknown;
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(
        ([name]) => name.startsWith('x-paperboy') || name === 'content-type',
      ),
    );
    writeFileSync(join(out, `${channel}-${count}.json`), `${JSON.stringify({ headers, body }, null, 2)}\n`);
  }
  console.log(
    `${out}: ${smtp.received.length} e-mails, ${[...counts].map(([name, count]) => `${count} ${name}`).join(', ')}`,
  );
  process.stdout.write(run.stdout);
  process.stderr.write(run.stderr);
} finally {
  await Promise.all([hooks.close(), smtp.close()]);
  if (values.hostile) rmSync(store, { recursive: true, force: true });
}
