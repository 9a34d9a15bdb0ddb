import { isolate } from '../render/isolate.ts';
import { authorLine, type EmailDay, type EmailPaper, moreLine, paperCount } from '../site/email.ts';
import { fitPaper, pack, type Shortening } from './pack.ts';

/**
 * A day as Slack incoming-webhook messages (Block Kit). Record text goes into `mrkdwn` with Slack's
 * three control characters escaped (`&`, `<`, `>`), so a title cannot open a link (`<url|…>`), a
 * mention (`<@U…>`) or a broadcast (`<!channel>`, `<!here>`); `verbatim` turns off Slack's own
 * linking of bare URLs and channel names. Bare `@here` is text (incoming webhooks do not parse names).
 * `*`, `_` and `~` cannot be escaped in mrkdwn: at worst a title shows in bold.
 */

/** Slack's limits (Block Kit reference): 50 blocks a message, 3,000 characters in a section's text, 150 in a header. */
export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  /**
   * Not documented as such: Slack refuses a message whose blocks hold about 13,000 characters in all
   * (`msg_blocks_too_long`, slackapi/bolt-js#2509), well below its 40,000 for `text`. Kept under that.
   */
  messageText: 12_000,
} as const;

export interface SlackText {
  type: 'mrkdwn' | 'plain_text';
  text: string;
  verbatim?: boolean;
  emoji?: boolean;
}
export type SlackBlock =
  | { type: 'header'; text: SlackText }
  | { type: 'section'; text: SlackText }
  | { type: 'context'; elements: SlackText[] };

export interface SlackMessage {
  /** The notification's text, and what clients without blocks show. */
  text: string;
  blocks: SlackBlock[];
  unfurl_links: false;
  unfurl_media: false;
}

/** Slack's escaping of its control characters, for record text in `mrkdwn`. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A URL inside `<url|text>`: the characters that would end it are percent-encoded. */
function slackUrl(url: string): string {
  return url.replace(/[|<>\s]/g, (character) => encodeURIComponent(character));
}

export function slackLink(url: string, text: string): string {
  return `<${slackUrl(url)}|${slackEscape(text)}>`;
}

const mrkdwn = (text: string): SlackText => ({ type: 'mrkdwn', text, verbatim: true });

/** The paper's lines; with `title` false, a link to its page takes the title's place (the title is a block of its own). */
function paperText(paper: EmailPaper, shortening: Shortening, title = true): string {
  const authors = authorLine(paper.authors, shortening.authors, (name) => slackEscape(isolate(name)));
  return [
    title ? `*${slackLink(paper.url, paper.title)}*` : slackLink(paper.url, 'Read the paper'),
    authors && `_${authors}_`,
    shortening.teaser && slackEscape(shortening.teaser),
    paper.code && slackLink(paper.code, 'Code'),
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * A paper's blocks: one section with its linked title, or, for a title whose escaped form alone
 * would fill a section (`&` grows five-fold), the title as plain text (never escaped, never cut)
 * and a second section with the link and the rest.
 */
function paperBlocks(paper: EmailPaper, label: string): SlackBlock[] {
  const linked = `*${slackLink(paper.url, paper.title)}*`;
  const fitted = (title: boolean) =>
    fitPaper(
      paper.teaser,
      (shortening) => paperText(paper, shortening, title),
      (text) => text.length,
      SLACK_LIMITS.sectionText,
      label,
    );
  if (linked.length <= SLACK_LIMITS.sectionText) return [{ type: 'section', text: mrkdwn(fitted(true)) }];
  return [
    { type: 'section', text: { type: 'plain_text', text: paper.title, emoji: false } },
    { type: 'section', text: mrkdwn(fitted(false)) },
  ];
}

function blockSize(block: SlackBlock): number {
  return block.type === 'context'
    ? block.elements.reduce((sum, element) => sum + element.text.length, 0)
    : block.text.text.length;
}

/** Room kept in every message for its heading and its footer. */
const FRAME = { blocks: 3, size: 1000 };

/** The day's messages: a heading, the papers in the site's order (as many as fit), a footer on the last. */
export function slackMessages(day: EmailDay): SlackMessage[] {
  const papers = day.papers.map((paper, index) => paperBlocks(paper, `paper ${index + 1} (${paper.url})`));
  const groups = pack(
    papers,
    (blocks) => ({ items: blocks.length, size: blocks.reduce((sum, block) => sum + blockSize(block), 0) }),
    { items: SLACK_LIMITS.blocks - FRAME.blocks, size: SLACK_LIMITS.messageText - FRAME.size },
  ).map((group) => group.flat());
  const title = `${day.siteTitle}${day.topicName ? ` · ${day.topicName}` : ''}: ${day.dayLabel}`;
  const header =
    title.length > SLACK_LIMITS.headerText ? `${title.slice(0, SLACK_LIMITS.headerText - 1)}…` : title;
  const more = moreLine(day);
  return groups.map((group, index) => {
    const part = groups.length > 1 ? ` (${index + 1} of ${groups.length})` : '';
    const blocks: SlackBlock[] =
      index === 0
        ? [
            { type: 'header', text: { type: 'plain_text', text: header, emoji: false } },
            {
              type: 'context',
              elements: [mrkdwn(`${paperCount(day)} · ${slackLink(day.dayUrl, 'Read on the web')}`)],
            },
          ]
        : [{ type: 'context', elements: [mrkdwn(`${slackEscape(title)}${part}`)] }];
    for (const block of group) blocks.push(block);
    if (index === groups.length - 1)
      blocks.push({
        type: 'context',
        elements: [
          mrkdwn(
            [
              more && `${more}: ${slackLink(day.dayUrl, 'on the web')}`,
              slackLink(day.subscribeUrl, 'Subscribe or unsubscribe'),
            ]
              .filter(Boolean)
              .join(' · '),
          ),
        ],
      });
    return {
      text: slackEscape(`${title}, ${paperCount(day)}${part}`),
      blocks,
      unfurl_links: false,
      unfurl_media: false,
    };
  });
}
