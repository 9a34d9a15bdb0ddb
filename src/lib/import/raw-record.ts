/** One record as a parser read it: candidate paper-schema fields, not validated yet. */
export interface RawRecord {
  /** Where the record is in its file, for messages: `item 3`, `entry 2`, `line 14`. */
  position: string;
  /** Candidate paper-schema fields, holding whatever the source held. */
  fields: Record<string, unknown>;
  /** The abstract, which becomes the Markdown body. */
  abstract: unknown;
}

/** A problem with one record (or with a whole file when `position` is empty). */
export interface Problem {
  position: string;
  id?: string;
  field?: string;
  message: string;
}

/** What a parser returns: records and per-record errors, or one reason to refuse the whole file. */
export type ParseResult =
  | { ok: true; records: RawRecord[]; errors: Problem[]; notes?: Problem[] }
  | { ok: false; message: string };

/** Formats a problem as `<file>: <position> (<id>): <field>: <reason>`. */
export function formatProblem(file: string, problem: Problem): string {
  const where = [file, problem.position === '' ? undefined : problem.position]
    .filter((part) => part !== undefined)
    .join(': ');
  const id = problem.id === undefined ? '' : ` (${problem.id})`;
  const field = problem.field === undefined || problem.field === '' ? '' : `${problem.field}: `;
  return `${where}${id}: ${field}${problem.message}`;
}
