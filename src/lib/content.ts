import { getCollection } from 'astro:content';
import { buildDigest, type Paper } from './digest.ts';
import { plainText } from './render.ts';
import { compileTaxonomy, topicsFor } from './topics.ts';

// Queried once per build at module scope; every page reads the same derived digest.
const [paperEntries, topicEntries] = await Promise.all([getCollection('papers'), getCollection('topics')]);
const taxonomy = topicEntries.map((entry) => entry.data);
const compiled = compileTaxonomy(taxonomy);

const papers = paperEntries.map((entry) => ({
  id: entry.data.id,
  data: entry.data,
  body: entry.body,
  file: entry.filePath,
}));
export const digest = buildDigest(papers, taxonomy, ({ data, abstract }) =>
  topicsFor({ ...data, abstract }, compiled),
);

const topicNames = new Map(taxonomy.map((topic) => [topic.id, topic.name]));

/** The display name of a topic slug (every slug a paper has is in the taxonomy: buildDigest checks). */
export function topicName(slug: string): string {
  return topicNames.get(slug) as string;
}

const abstractTexts = new Map<string, string>();

/**
 * The plain text of a paper's abstract, parsed once per build: a paper's card appears on its day page
 * and on each of its topic pages, and parsing Markdown costs about 1.6 ms an abstract.
 */
export function abstractText(paper: Paper): string {
  let text = abstractTexts.get(paper.id);
  if (text === undefined) {
    text = plainText(paper.abstract);
    abstractTexts.set(paper.id, text);
  }
  return text;
}
