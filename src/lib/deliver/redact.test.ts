import { describe, expect, test } from 'vitest';
import { createRedactor } from './redact.ts';

describe('createRedactor', () => {
  const redact = createRedactor([
    'https://hooks.slack.com/services/T0001/B0002/abcdefghijklmnopqrstuvwx',
    'smtps://mailer%40example.org:p%40ssw0rd!@smtp.example.org:465',
    '123456789:AAEsecretToken',
    'Ada@Example.org',
    undefined,
    '',
  ]);

  test.each([
    [
      'POST https://hooks.slack.com/services/T0001/B0002/abcdefghijklmnopqrstuvwx failed',
      'POST https://hooks.slack.com/*** failed',
    ],
    ['no such path /services/T0001/B0002/abcdefghijklmnopqrstuvwx', 'no such path /***'],
    ['token abcdefghijklmnopqrstuvwx is revoked', 'token *** is revoked'],
    ['Invalid login for mailer@example.org', 'Invalid login for ***'],
    ['password p@ssw0rd! refused', 'password *** refused'],
    [
      'https://api.telegram.org/bot123456789:AAEsecretToken/sendMessage: 401',
      'https://api.telegram.org/bot***/sendMessage: 401',
    ],
    ['550 <ada@example.ORG>: mailbox unavailable', '550 <***>: mailbox unavailable'],
    ['nothing secret here: services, hooks, T0001', 'nothing secret here: services, hooks, T0001'],
  ])('%s', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  test('without secrets it changes nothing', () => {
    expect(createRedactor([])('a line')).toBe('a line');
  });
});
