import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseTaxonomy, type TopicData } from '../model/topic.ts';
import { parseTopicModel, TOPIC_MODEL_FILE } from '../model/topic-model.ts';
import { type CompiledTaxonomy, compileTaxonomy, type TopicModelSource } from './topics.ts';

/** Where the build reads the taxonomy. */
export const TAXONOMY_FILE = 'content/topics.yaml';

/**
 * The learned model at `file` (relative to `root`), with its text, or undefined when there is none:
 * then the rules file papers alone.
 */
export function readTopicModel(
  root: string,
  file: string = TOPIC_MODEL_FILE,
): (TopicModelSource & { readonly text: string }) | undefined {
  const path = resolve(root, file);
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8');
  return { data: parseTopicModel(text, file), file, text };
}

/** What files papers under topics: the taxonomy and the learned model, compiled. */
export interface Filing {
  readonly taxonomy: TopicData[];
  readonly compiled: CompiledTaxonomy;
  /** Both files' text: what a cache of filed papers must be keyed on. */
  readonly sourceText: string;
}

/** Reads and compiles `content/topics.yaml` and, when present, `content/topic-model.json` under `root`. */
export function readFiling(root: string): Filing {
  const taxonomyText = readFileSync(join(root, TAXONOMY_FILE), 'utf8');
  const taxonomy = parseTaxonomy(taxonomyText, TAXONOMY_FILE);
  const model = readTopicModel(root);
  return {
    taxonomy,
    compiled: compileTaxonomy(taxonomy, model),
    sourceText: `${taxonomyText}\0${model?.text ?? ''}`,
  };
}
