import { expect, test } from 'vitest';
import { type EmailDay, emailDigest } from '../site/email.ts';
import { discordMessages } from './discord.ts';
import { emailText } from './email.ts';
import { slackMessages } from './slack.ts';
import { telegramMessages } from './telegram.ts';

/**
 * A right-to-left override (U+202E) in one author's name must not reverse the names after it, nor
 * "et al." or the upvotes beside them: in plain text such a name sits between U+2068 (FSI) and U+2069
 * (PDI), in the e-mail's HTML in a <bdi>. A name of left-to-right letters alone needs neither.
 */

const day: EmailDay = {
  siteTitle: 'Paperboy',
  dayLabel: 'Thursday, 30 July 2026',
  dayUrl: 'https://u.github.io/paperboy/days/2026-07-30/',
  subscribeUrl: 'https://u.github.io/paperboy/subscribe/',
  papers: [
    {
      title: 'A \u202eTitle',
      url: 'https://u.github.io/paperboy/papers/p/',
      authors: ['Author \u202eAnother', 'Bea Second'],
      teaser: 'A \u202eTL;DR',
      upvotes: 7,
      links: [],
    },
  ],
};

const names = '\u2068Author \u202eAnother\u2069, Bea Second';

test.each([
  ['Slack', () => JSON.stringify(slackMessages(day))],
  ['Discord', () => JSON.stringify(discordMessages(day))],
  ['Telegram', () => JSON.stringify(telegramMessages(day))],
  ['the e-mail’s text part', () => emailText(day)],
])('%s: an author name with an override is isolated', (_, text) => {
  expect(text()).toContain(names);
});

test('the e-mail’s text part isolates the title and the TL;DR from the number and indent before them', () => {
  expect(emailText(day)).toContain('1. \u2068A \u202eTitle\u2069\n');
  expect(emailText(day)).toContain('   \u2068A \u202eTL;DR\u2069\n');
});

test('the e-mail’s HTML puts the title, the name and the TL;DR with an override in a <bdi>', () => {
  const html = emailDigest(day);
  expect(html).toContain('<bdi>A \u202eTitle</bdi>');
  expect(html).toContain('<bdi>Author \u202eAnother</bdi>, Bea Second · 7 upvotes');
  expect(html).toContain('<bdi>A \u202eTL;DR</bdi>');
});
