import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { testSettings } from '../../../tests/test-settings.ts';
import { FIELD_LIMITS } from '../model/limits.ts';
import type { EmailDay } from '../site/email.ts';
import { DISCORD_LIMITS, discordEscape, discordMessages } from './discord.ts';
import { SLACK_LIMITS, slackEscape, slackMessages } from './slack.ts';
import { TELEGRAM_LIMITS, telegramEscape, telegramLength, telegramMessages } from './telegram.ts';

/**
 * The chat builders on any day the store can hold: titles up to the record limit made of the very
 * characters each format escapes (so escaping can double or quintuple them), TL;DRs up to theirs,
 * many authors, any number of papers. Every message keeps every limit of its platform, and every
 * paper arrives once, in order, with its title whole.
 */

const runs = {
  numRuns: Math.max(50, Math.floor(testSettings.propertyRuns / 5)),
  seed: testSettings.propertySeed,
};
const timeout = 60_000 + runs.numRuns * 200;

const SPECIAL = [
  '&',
  '<',
  '>',
  '*',
  '_',
  '~',
  '`',
  '|',
  '[',
  ']',
  '(',
  ')',
  '@',
  '#',
  '-',
  '\\',
  '"',
  '/',
  ' ',
  'a',
  'é',
  '😀',
];
const text = (maxLength: number) =>
  fc.oneof(
    fc.string({ unit: fc.constantFrom(...SPECIAL), minLength: 1, maxLength }),
    fc.string({ minLength: 1, maxLength }),
  );

const dayArbitrary: fc.Arbitrary<EmailDay> = fc
  .array(
    fc.record({
      title: fc.oneof(text(80), text(FIELD_LIMITS.title), fc.constant('&'.repeat(FIELD_LIMITS.title))),
      teaser: fc.oneof(text(200), text(FIELD_LIMITS.summary)),
      authors: fc.array(text(60), { maxLength: 8 }),
      code: fc.option(fc.constant('https://github.com/a/b_(x)|y'), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 60 },
  )
  .map((papers) => ({
    siteTitle: 'Paperboy',
    dayLabel: 'Thursday, 30 July 2026',
    dayUrl: 'https://u.github.io/paperboy/days/2026-07-30/',
    subscribeUrl: 'https://u.github.io/paperboy/subscribe/',
    papers: papers.map((paper, index) => ({
      ...paper,
      url: `https://u.github.io/paperboy/papers/p${index}/`,
      links: [],
    })),
  }));

/** The position of each paper's URL across the messages' texts, which must rise. */
function expectEachOnceInOrder(texts: readonly string[], day: EmailDay): void {
  const all = texts.join('\n');
  let last = -1;
  for (const paper of day.papers) {
    const at = all.indexOf(paper.url);
    expect(at).toBeGreaterThan(last);
    expect(all.indexOf(paper.url, at + 1)).toBe(-1);
    last = at;
  }
}

describe('chat messages on any day', () => {
  test('Slack', { timeout }, () => {
    fc.assert(
      fc.property(dayArbitrary, (day) => {
        const messages = slackMessages(day);
        const texts: string[] = [];
        const titles: string[] = [];
        for (const message of messages) {
          expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
          let total = 0;
          for (const block of message.blocks) {
            const parts = block.type === 'context' ? block.elements : [block.text];
            for (const part of parts) {
              total += part.text.length;
              expect(part.text.length).toBeLessThanOrEqual(
                block.type === 'header' ? SLACK_LIMITS.headerText : SLACK_LIMITS.sectionText,
              );
            }
            // A title too long to link is a plain-text section of its own, followed by the paper's link.
            if (block.type === 'section' && block.text.type === 'plain_text') titles.push(block.text.text);
            else if (block.type === 'section') texts.push(block.text.text);
          }
          expect(total).toBeLessThanOrEqual(SLACK_LIMITS.messageText);
        }
        expect(texts).toHaveLength(day.papers.length);
        for (const [index, paper] of day.papers.entries())
          if (titles.includes(paper.title)) expect(texts[index]).toMatch(/^<[^|]+\|Read the paper>/);
          else expect(texts[index]).toContain(`|${slackEscape(paper.title)}>`);
        expectEachOnceInOrder(texts, day);
      }),
      runs,
    );
  });

  test('Discord', { timeout }, () => {
    fc.assert(
      fc.property(dayArbitrary, (day) => {
        const messages = discordMessages(day);
        const embeds = messages.flatMap((message) => message.embeds);
        for (const message of messages) {
          expect(message.content.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
          expect(message.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embeds);
          const total = message.embeds.reduce(
            (sum, embed) => sum + (embed.title?.length ?? 0) + (embed.description?.length ?? 0),
            0,
          );
          expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.embedsTotal);
          expect(message.allowed_mentions).toEqual({ parse: [] });
        }
        expect(embeds).toHaveLength(day.papers.length);
        for (const [index, paper] of day.papers.entries()) {
          const embed = embeds[index];
          expect(embed?.title?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.title);
          expect(embed?.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.description);
          expect(`${embed?.title ?? ''}\n${embed?.description ?? ''}`).toContain(discordEscape(paper.title));
        }
        expectEachOnceInOrder(
          embeds.map((embed) => `${embed.url ?? ''} ${embed.description ?? ''}`),
          day,
        );
      }),
      runs,
    );
  });

  test('Telegram', { timeout }, () => {
    fc.assert(
      fc.property(dayArbitrary, (day) => {
        const messages = telegramMessages(day);
        for (const message of messages)
          expect(telegramLength(message.text)).toBeLessThanOrEqual(TELEGRAM_LIMITS.text);
        const texts = messages.map((message) => message.text);
        const all = texts.join('\n');
        for (const paper of day.papers) expect(all).toContain(`">${telegramEscape(paper.title)}</a></b>`);
        expectEachOnceInOrder(texts, day);
      }),
      runs,
    );
  });
});
