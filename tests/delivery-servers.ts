import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { type PaperData, paperSchema } from '../src/lib/model/paper.ts';
import { serialiseRecord } from '../src/lib/store/record-file.ts';

/**
 * For the tests only: stand-ins on 127.0.0.1 for every service a delivery talks to, which keep what
 * they receive and answer what a test scripts (a 429 with Retry-After, a 5xx, no answer at all); a
 * real SMTP server (`smtp-server`) whose messages are parsed with `mailparser`; a store of records in
 * a temporary folder; and a runner for the real CLI.
 */

export const PROJECT = fileURLToPath(new URL('../', import.meta.url));

export type HookReply = { status?: number; headers?: Record<string, string>; body?: string } | { hang: true };

export interface HookRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** `performance.now()` when it arrived. */
  at: number;
}

export interface HookServer {
  origin: string;
  requests: HookRequest[];
  /** Replies for a path, in order; the last one repeats. Unscripted paths answer 200 `ok`. */
  script(path: string, ...replies: HookReply[]): void;
  close(): Promise<void>;
}

function send(response: ServerResponse, reply: HookReply): void {
  if ('hang' in reply) return;
  response.writeHead(reply.status ?? 200, reply.headers ?? { 'content-type': 'text/plain' });
  response.end(reply.body ?? 'ok');
}

export async function startHookServer(): Promise<HookServer> {
  const scripts = new Map<string, HookReply[]>();
  const requests: HookRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      requests.push({
        path,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: performance.now(),
      });
      const queue = scripts.get(path.split('?')[0] ?? path);
      const reply =
        queue === undefined ? {} : queue.length > 1 ? (queue.shift() as HookReply) : (queue[0] ?? {});
      send(response, reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    script: (path, ...replies) => scripts.set(path, replies),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  raw: string;
  parsed: ParsedMail;
}

export interface SmtpServer {
  url: string;
  received: ReceivedMail[];
  /** Refuse these recipients at RCPT TO, as a server does an unknown mailbox. */
  refuse(address: string): void;
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 with a login (`mailer-account`/`secret-password`) and no TLS. */
export async function startSmtpServer(): Promise<SmtpServer> {
  const received: ReceivedMail[] = [];
  const refused = new Set<string>();
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'mailer-account' && auth.password === 'secret-password')
        callback(null, { user: auth.username });
      // As some servers do, the refusal quotes the user name back.
      else callback(new Error(`Invalid login for ${auth.username}`));
    },
    onRcptTo(address, _session, callback) {
      if (refused.has(address.address)) callback(new Error(`<${address.address}>: mailbox unavailable`));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (parsed) => {
            const from = session.envelope.mailFrom;
            received.push({
              envelope: {
                from: from === false ? '' : from.address,
                to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              },
              raw,
              parsed,
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://mailer-account:secret-password@127.0.0.1:${port}`,
    received,
    refuse: (address) => refused.add(address),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A record with what a test needs; the rest is made up. */
export function paper(
  fields: Partial<PaperData> & { id: string; day: string },
  abstract = 'An abstract. It has two sentences.',
): { data: PaperData; abstract: string } {
  return {
    data: paperSchema.parse({
      title: `Paper ${fields.id}`,
      authors: ['A. Author'],
      source: 'jsonl',
      ...fields,
    }),
    abstract,
  };
}

/** A store in `root`: the project's taxonomy and the records, as the importer lays them out. */
export function writeStore(root: string, records: readonly { data: PaperData; abstract: string }[]): void {
  mkdirSync(join(root, 'content'), { recursive: true });
  copyFileSync(join(PROJECT, 'content/topics.yaml'), join(root, 'content/topics.yaml'));
  for (const record of records) {
    const folder = join(root, 'content/papers', record.data.day);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `${record.data.id}.md`), serialiseRecord(record));
  }
}

/**
 * A record written to be dangerous everywhere it lands: mentions for Slack, Discord and Telegram,
 * HTML and Markdown, a forged link in each format, a bot command, and 5,000 characters of summary and
 * abstract text.
 */
export function hostilePaper(day: string, id = 'hostile'): { data: PaperData; abstract: string } {
  const title =
    '@everyone @here <!channel> <!here> <@U123> [click](https://evil.example/t) <https://evil.example/s|Slack link> <a href="https://evil.example/h">HTML link</a> <b>bold</b> *star* _under_ ~~strike~~ `code` ||spoiler|| # heading /start@bot &amp; &lt;';
  const filler = ' Long filler text to pass five thousand characters.';
  const summary = `${title} TL;DR.${filler.repeat(30)}`.slice(0, 2000);
  const abstract = `${title}${filler.repeat(100)}`.slice(0, 5000);
  return paper(
    {
      id,
      day,
      title,
      authors: ['@everyone', '<script>alert(1)</script>', '[x](https://evil.example/a)', 'D. Fourth'],
      summary,
      upvotes: 1000,
      links: { code: 'https://github.com/a/b_(x)?q=1|2' },
    },
    abstract,
  );
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

const execute = promisify(execFile);

/** Runs `node src/lib/deliver/cli.ts …` (what `npm run deliver` runs) in the project `root` with `env`. */
export async function runDeliverCli(
  root: string,
  args: string[],
  env: Record<string, string>,
): Promise<CliRun> {
  const cli = join(PROJECT, 'src/lib/deliver/cli.ts');
  const childEnv = { ...process.env, GITHUB_RUN_ID: '', GITHUB_REPOSITORY: '', GITHUB_ACTIONS: '', ...env };
  try {
    const { stdout, stderr } = await execute(process.execPath, [cli, ...args], { cwd: root, env: childEnv });
    return { code: 0, stdout, stderr };
  } catch (error) {
    // A non-zero exit: execFile's error carries the code and what was printed.
    const failed = error as { code?: number | null; stdout?: string; stderr?: string };
    return { code: failed.code ?? null, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}
