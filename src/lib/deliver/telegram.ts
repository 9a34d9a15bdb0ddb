import { escapeHtml } from '../render/escape.ts';
import { isolate } from '../render/isolate.ts';
import { authorLine, type EmailDay, type EmailPaper, moreLine, paperCount } from '../site/email.ts';
import { fitPaper, pack, type Shortening } from './pack.ts';

/**
 * A day as Telegram bot messages (`sendMessage`, `parse_mode: HTML`). Record text is HTML-escaped, so
 * it cannot add a tag or a link; Telegram's own detection of `@username` mentions and `/command` bot
 * commands in plain text is broken by a WORD JOINER (U+2060, invisible) after the `@` or `/`, so a title
 * can neither link a user nor make a tap send a command to the chat's bots. Link previews are off.
 */

/** Telegram's limit: 4,096 characters of a message's text after entities are parsed (tags removed, entities one character). */
export const TELEGRAM_LIMITS = { text: 4096 } as const;

export interface TelegramMessage {
  text: string;
  parse_mode: 'HTML';
  link_preview_options: { is_disabled: true };
}

const WORD_JOINER = '\u2060';

/** Record text for Telegram's HTML: escaped, with mentions and bot commands defused. */
export function telegramEscape(text: string): string {
  const defused = text
    .replace(/@(?=\w)/g, `@${WORD_JOINER}`)
    .replace(/(^|\s)\/(?=[A-Za-z])/g, `$1/${WORD_JOINER}`);
  return escapeHtml(defused);
}

function telegramLink(url: string, text: string): string {
  return `<a href="${escapeHtml(url)}">${text}</a>`;
}

/** The length Telegram counts: the text without tags, each entity one character. */
export function telegramLength(html: string): number {
  return html.replace(/<[^>]*>/g, '').replace(/&(?:amp|lt|gt|quot);/g, '&').length;
}

function paperHtml(paper: EmailPaper, shortening: Shortening): string {
  const authors = authorLine(paper.authors, shortening.authors, (name) => telegramEscape(isolate(name)));
  return [
    `<b>${telegramLink(paper.url, telegramEscape(paper.title))}</b>`,
    authors && `<i>${authors}</i>`,
    shortening.teaser && telegramEscape(shortening.teaser),
    paper.code ? telegramLink(paper.code, 'Code') : '',
  ]
    .filter(Boolean)
    .join('\n');
}

const SEPARATOR = '\n\n';

/** The day's messages, papers in the site's order, each message within 4,096 characters. */
export function telegramMessages(day: EmailDay): TelegramMessage[] {
  const title = escapeHtml(`${day.siteTitle}${day.topicName ? ` · ${day.topicName}` : ''}: ${day.dayLabel}`);
  const more = moreLine(day);
  const heading = `<b>${title}</b>\n${paperCount(day)} · ${telegramLink(day.dayUrl, 'Read on the web')}`;
  const footer = [
    more && `${more}: ${telegramLink(day.dayUrl, 'on the web')}`,
    telegramLink(day.subscribeUrl, 'Subscribe or unsubscribe'),
  ]
    .filter(Boolean)
    .join(' · ');
  // Room for the longest heading ("(12 of 12)" added) and the footer, in every message.
  const frame = telegramLength(heading) + telegramLength(footer) + 2 * SEPARATOR.length + 20;
  const room = TELEGRAM_LIMITS.text - frame;
  const papers = day.papers.map((paper, index) =>
    fitPaper(
      paper.teaser,
      (shortening) => paperHtml(paper, shortening),
      telegramLength,
      room,
      `paper ${index + 1} (${paper.url})`,
    ),
  );
  const groups = pack(papers, (html) => ({ items: 1, size: telegramLength(html) + SEPARATOR.length }), {
    items: Number.POSITIVE_INFINITY,
    size: room,
  });
  return groups.map((group, index) => {
    const part = groups.length > 1 ? ` (${index + 1} of ${groups.length})` : '';
    const top = index === 0 ? `${heading}${part}` : `<b>${title}</b>${part}`;
    const parts = [top, ...group, ...(index === groups.length - 1 ? [footer] : [])];
    return { text: parts.join(SEPARATOR), parse_mode: 'HTML', link_preview_options: { is_disabled: true } };
  });
}
