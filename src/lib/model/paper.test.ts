import { describe, expect, test } from 'vitest';
import { paperSchema } from './paper.ts';

describe('paperSchema days', () => {
  test.each(['2026-13-01', '2026-02-30', '2026-7-30', 'yesterday'])(
    '%s is reported as an issue, not thrown',
    (day) => {
      const result = paperSchema.safeParse({ id: 'x', title: 'T', day, source: 'jsonl' });
      expect(result.success).toBe(false);
    },
  );

  test('an unquoted YAML date (a Date) is read as its calendar day', () => {
    expect(
      paperSchema.parse({ id: 'x', title: 'T', day: new Date('2026-07-30T00:00:00Z'), source: 'jsonl' }).day,
    ).toBe('2026-07-30');
  });
});
