/**
 * The shapes of a paper id and a topic id. A module of its own, without imports or module-level calls,
 * so the reading pages' script (src/scripts/) can check ids with the rules the schema uses and carry
 * nothing else to the browser.
 */

/** A paper id is also its file name and URL segment. */
export const PAPER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** A topic slug as used in `content/topics.yaml` and in `/topics/<slug>/`. */
export const TOPIC_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
