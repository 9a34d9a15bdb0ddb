import { excerpt } from '../site/format.ts';

/**
 * Splitting a day across a platform's messages: each paper is shaped to fit one message's field on its
 * own (its teaser shortened first, then its authors; its title never), and the papers are then packed
 * in order, a new message whenever the next one would pass a limit. A paper is never split.
 */

/** How a paper may be shortened, from whole to bare: the teaser's length (undefined: whole) and the authors shown. */
const SHORTENINGS: readonly { teaser: number | undefined; authors: number }[] = [
  { teaser: undefined, authors: 3 },
  { teaser: 300, authors: 3 },
  { teaser: 120, authors: 3 },
  { teaser: 120, authors: 1 },
  { teaser: 0, authors: 1 },
  { teaser: 0, authors: 0 },
];

export interface Shortening {
  /** The teaser to show ('' for none). */
  teaser: string;
  /** How many authors to show before `et al.`. */
  authors: number;
}

/**
 * The first shaping of a paper whose size is within `limit`. `render` shapes it with a given teaser and
 * author count; `label` names the paper when even its bare form does not fit (its title alone is too
 * long for the platform: the record limits keep titles far below that).
 */
export function fitPaper<T>(
  teaser: string,
  render: (shortening: Shortening) => T,
  size: (shaped: T) => number,
  limit: number,
  label: string,
): T {
  for (const step of SHORTENINGS) {
    const shaped = render({
      teaser: step.teaser === undefined ? teaser : step.teaser === 0 ? '' : excerpt(teaser, step.teaser),
      authors: step.authors,
    });
    if (size(shaped) <= limit) return shaped;
  }
  throw new Error(`${label}: its title alone is longer than one message can hold`);
}

export interface PackLimits {
  /** Most items in one message (blocks, embeds). */
  items: number;
  /** Most characters in one message, as the platform counts them. */
  size: number;
}

/** Packs items in order into messages within `limits`; every item must fit a message alone. */
export function pack<T>(
  items: readonly T[],
  weigh: (item: T) => { items: number; size: number },
  limits: PackLimits,
): T[][] {
  const messages: T[][] = [];
  let current: T[] = [];
  let used = { items: 0, size: 0 };
  for (const item of items) {
    const weight = weigh(item);
    if (weight.items > limits.items || weight.size > limits.size)
      throw new Error(`an item of ${weight.size} characters does not fit one message (${limits.size})`);
    if (
      current.length > 0 &&
      (used.items + weight.items > limits.items || used.size + weight.size > limits.size)
    ) {
      messages.push(current);
      current = [];
      used = { items: 0, size: 0 };
    }
    current.push(item);
    used = { items: used.items + weight.items, size: used.size + weight.size };
  }
  if (current.length > 0 || messages.length === 0) messages.push(current);
  return messages;
}
