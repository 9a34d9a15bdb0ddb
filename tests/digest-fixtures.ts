import { paperSchema } from '../src/lib/model/paper.ts';
import { topicSchema } from '../src/lib/model/topic.ts';
import type { PaperEntry } from '../src/lib/site/digest.ts';

/** A digest entry passed through the real schema, as the content layer does. */
export function paperEntry(id: string, day: string, extra: Record<string, unknown> = {}): PaperEntry {
  return {
    id,
    data: paperSchema.parse({ id, title: `Paper ${id}`, day, source: 'jsonl', ...extra }),
    body: `About ${id}.`,
  };
}

/** A two-topic taxonomy: one matched by a phrase, one fallback. */
export const testTaxonomy = [
  topicSchema.parse({
    id: 'vision',
    name: 'Vision',
    description: 'Images.',
    match: [{ phrases: ['image'] }],
  }),
  topicSchema.parse({ id: 'other', name: 'Other', description: 'The rest.', fallback: true }),
];
