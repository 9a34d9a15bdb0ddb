import { setTimeout as sleep } from 'node:timers/promises';
import { createTransport } from 'nodemailer';
import { isolate } from '../render/isolate.ts';
import { authorLine, type EmailDay, emailDigest, moreLine, paperCount } from '../site/email.ts';

/**
 * A day as an e-mail: the HTML part is the site's own e-mail view (`site/email.ts`, the day's e-mail
 * page), with a plain-text part of the same papers. Each recipient gets a message of their own, with
 * only their address in `To:` and in the SMTP envelope: no `Bcc` to mishandle, no list of readers in
 * anyone's headers, and a failure names a recipient's position, never an address. All copies share
 * one `Message-ID` (from the site, day and channel), so a mailbox that gets a day twice (a `--resend`)
 * can tell it is the same message.
 */

export interface EmailContent {
  subject: string;
  html: string;
  text: string;
}

/** Record text on one line (the schema already refuses control characters). */
function plain(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The plain-text part: the same papers, links written out. */
export function emailText(day: EmailDay): string {
  const heading = `${day.siteTitle}${day.topicName ? ` · ${day.topicName}` : ''}: ${day.dayLabel}`;
  const lines = [heading, `${paperCount(day)} · Read on the web: ${day.dayUrl}`, ''];
  for (const [index, paper] of day.papers.entries()) {
    const authors = authorLine(paper.authors, 6, (name) => isolate(plain(name)));
    lines.push(`${index + 1}. ${isolate(plain(paper.title))}`, `   ${paper.url}`);
    if (authors) lines.push(`   ${authors}`);
    if (paper.teaser) lines.push(`   ${isolate(plain(paper.teaser))}`);
    if (paper.code) lines.push(`   Code: ${paper.code}`);
    lines.push('');
  }
  const more = moreLine(day);
  if (more) lines.push(`${more}: ${day.dayUrl}`, '');
  lines.push(
    '--',
    `You get this digest from ${day.siteTitle}. Feeds and subscription options: ${day.subscribeUrl}`,
  );
  if (day.unsubscribeUrl) lines.push(`Unsubscribe: ${day.unsubscribeUrl}`);
  return `${lines.join('\n')}\n`;
}

/** The message every recipient gets (their own address aside). */
export function emailContent(day: EmailDay): EmailContent {
  const heading = `${day.siteTitle}${day.topicName ? ` · ${day.topicName}` : ''}`;
  return {
    subject: `${heading}: ${day.dayLabel} (${paperCount(day)})`,
    html: emailDigest(day),
    text: emailText(day),
  };
}

export interface MailOptions {
  smtpUrl: string;
  from: string;
  to: readonly string[];
  /** The `List-Unsubscribe` URL (`mailto:`). */
  unsubscribe: string;
  /** `<…@…>`: the same for every copy. */
  messageId: string;
  /** `List-Id`: the site's host, named after the site. */
  listId: { id: string; name: string };
  perMinute: number;
  /** The length of a batch's window; a minute, shorter only in tests. */
  windowMs?: number;
  /** Told before each batch after the first, while it waits. */
  onBatch?: (message: string) => void;
}

export interface MailOutcome {
  /** Recipients the server accepted the message for. */
  sent: number;
  /** Recipients it did not, by position in the list (1-based), with the server's answer (not redacted here). */
  failures: { recipient: number; message: string }[];
}

/** Checks the server and the login before anything is claimed: a wrong password should not cost a day. */
export async function verifySmtp(smtpUrl: string): Promise<void> {
  const transport = createTransport(smtpUrl);
  try {
    await transport.verify();
  } finally {
    transport.close();
  }
}

/** Sends `content` to each recipient alone, at most `perMinute` a minute, over one pooled connection. */
export async function sendEmail(content: EmailContent, options: MailOptions): Promise<MailOutcome> {
  const windowMs = options.windowMs ?? 60_000;
  const transport = createTransport({ url: options.smtpUrl, pool: true, maxConnections: 1 });
  const outcome: MailOutcome = { sent: 0, failures: [] };
  let batchStart = performance.now();
  try {
    for (const [index, recipient] of options.to.entries()) {
      if (index > 0 && index % options.perMinute === 0) {
        const wait = batchStart + windowMs - performance.now();
        options.onBatch?.(
          `sent ${index} of ${options.to.length}; the next batch in ${Math.max(0, Math.ceil(wait / 1000))} s (${options.perMinute} a minute)`,
        );
        if (wait > 0) await sleep(wait);
        batchStart = performance.now();
      }
      try {
        await transport.sendMail({
          from: options.from,
          to: recipient,
          subject: content.subject,
          text: content.text,
          html: content.html,
          messageId: options.messageId,
          list: {
            // The bare URL: mailbox providers read the header's first <…> and nothing else.
            unsubscribe: options.unsubscribe,
            id: { url: options.listId.id, comment: options.listId.name },
          },
        });
        outcome.sent += 1;
      } catch (error) {
        outcome.failures.push({ recipient: index + 1, message: (error as Error).message });
      }
    }
  } finally {
    transport.close();
  }
  return outcome;
}
