import { isolate } from '../render/isolate.ts';
import { authorLine, type EmailDay, type EmailPaper, moreLine, paperCount } from '../site/email.ts';
import { fitPaper, pack, type Shortening } from './pack.ts';

/**
 * A day as Discord webhook messages: one embed per paper (its title linked to the paper page), the
 * day's heading in the first message's content. Record text is Markdown-escaped, so a title cannot
 * make a masked link (`[text](url)`), a mention (`<@…>`, `@everyone`), a heading or a spoiler, and
 * every message says `allowed_mentions: { parse: [] }`, so Discord pings nobody whatever the text.
 */

/** Discord's limits (Message and Embed references). */
export const DISCORD_LIMITS = {
  content: 2000,
  embeds: 10,
  /** Title, description, field names and values, footer and author of every embed of one message. */
  embedsTotal: 6000,
  title: 256,
  description: 4096,
} as const;

export interface DiscordEmbed {
  title?: string;
  url?: string;
  description?: string;
  color: number;
}

export interface DiscordMessage {
  content: string;
  embeds: DiscordEmbed[];
  allowed_mentions: { parse: [] };
}

/**
 * Record text with Discord's Markdown escaped: the characters that format, link or mention anywhere
 * in a line, and a heading, quote or list marker at a line's start. Others (`.`, `:`, `-` inside a
 * line) stay as they are, so titles read as they are written.
 */
export function discordEscape(text: string): string {
  return text.replace(/[\\`*_~|<>[\]()@]/g, '\\$&').replace(/^(\s*)(#|-|\+|\d+\.)/gm, '$1\\$2');
}

/** A URL inside `[text](url)`: the characters that would end it are percent-encoded. */
function discordUrl(url: string): string {
  return url.replace(
    /[()<>\s]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

export function discordLink(url: string, text: string): string {
  return `[${discordEscape(text)}](${discordUrl(url)})`;
}

const COLOR = 0x1a56c4;

function paperEmbed(paper: EmailPaper, shortening: Shortening): DiscordEmbed {
  const title = discordEscape(paper.title);
  const authors = authorLine(paper.authors, shortening.authors, (name) => discordEscape(isolate(name)));
  const lines = [
    // A title over the embed title's limit leads the description instead, whole.
    title.length > DISCORD_LIMITS.title ? `**${discordLink(paper.url, paper.title)}**` : '',
    authors && `*${authors}*`,
    shortening.teaser && discordEscape(shortening.teaser),
    paper.code ? discordLink(paper.code, 'Code') : '',
  ].filter(Boolean);
  return {
    ...(title.length > DISCORD_LIMITS.title ? {} : { title, url: paper.url }),
    ...(lines.length > 0 ? { description: lines.join('\n') } : {}),
    color: COLOR,
  };
}

/** The characters of an embed that count toward Discord's limits. */
export function embedSize(embed: DiscordEmbed): number {
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
}

/** The day's messages: up to 10 embeds and 6,000 characters each, a paper never split. */
export function discordMessages(day: EmailDay): DiscordMessage[] {
  const embeds = day.papers.map((paper, index) =>
    fitPaper(
      paper.teaser,
      (shortening) => paperEmbed(paper, shortening),
      // The title is within its limit by construction (a longer one moves into the description).
      (embed) => embed.description?.length ?? 0,
      DISCORD_LIMITS.description,
      `paper ${index + 1} (${paper.url})`,
    ),
  );
  const groups = pack(embeds, (embed) => ({ items: 1, size: embedSize(embed) }), {
    items: DISCORD_LIMITS.embeds,
    size: DISCORD_LIMITS.embedsTotal,
  });
  const title = discordEscape(
    `${day.siteTitle}${day.topicName ? ` · ${day.topicName}` : ''}: ${day.dayLabel}`,
  );
  const more = moreLine(day);
  return groups.map((group, index) => {
    const part = groups.length > 1 ? ` (${index + 1} of ${groups.length})` : '';
    const lines = [
      index === 0
        ? `**${title}** · ${paperCount(day)} · ${discordLink(day.dayUrl, 'Read on the web')}${part}`
        : `**${title}**${part}`,
    ];
    if (index === groups.length - 1)
      lines.push(
        [
          more && `${discordEscape(more)}: ${discordLink(day.dayUrl, 'on the web')}`,
          discordLink(day.subscribeUrl, 'Subscribe or unsubscribe'),
        ]
          .filter(Boolean)
          .join(' · '),
      );
    return { content: lines.join('\n'), embeds: group, allowed_mentions: { parse: [] } };
  });
}
