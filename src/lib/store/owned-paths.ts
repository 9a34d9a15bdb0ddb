/**
 * The files under `content/` that the store owns and writes: what the daily workflow may commit. One
 * regular expression, written so that it means the same to JavaScript and to the POSIX extended
 * expressions of bash's `[[ =~ ]]`: the workflow's commit job, which runs no npm code, checks every
 * path of the change with the same text (`STORE_OWNED` in `.github/workflows/daily.yml`, compared with
 * this one by `src/workflows.test.ts`).
 *
 * A record's file name is its id (`PAPER_ID` in `model/id-patterns.ts`); names starting with a dot (the
 * writer's temporary files, the lock and its leftovers) are never the store's records.
 */
export const STORE_OWNED_PATHS: readonly string[] = [
  // A paper record: content/papers/<day>/<id>.md
  'content/papers/[0-9]{4}-[0-9]{2}-[0-9]{2}/[A-Za-z0-9][A-Za-z0-9._-]*\\.md',
  // A retraction's tombstone: content/papers/retracted/<id>.yaml
  'content/papers/retracted/[A-Za-z0-9][A-Za-z0-9._-]*\\.yaml',
  // What each source last fetched, and what each channel was last sent.
  'content/fetch-state\\.json',
  'content/delivery-state\\.json',
];

/** The expression's text, as the workflow holds it (`RegExp.source` would escape the slashes). */
export const STORE_OWNED_PATTERN = `^(${STORE_OWNED_PATHS.join('|')})$`;

/** Any store-owned path, relative to the project root with `/` separators. */
export const STORE_OWNED = new RegExp(STORE_OWNED_PATTERN);
