import { type PaperData, paperSchema } from '../paper-schema.ts';

/** Validation with the content collection's schema, made safe for every input. */

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `YYYY-MM-DD` names a real calendar day (2026-02-30 and 2026-13-01 do not). */
export function isRealDay(day: string): boolean {
  if (!ISO_DAY.test(day)) return false;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
}

export interface Issue {
  field: string;
  message: string;
}

export type Validation = { success: true; data: PaperData } | { success: false; issues: Issue[] };

/**
 * Validates a candidate record with the paper schema. Days are checked first: the schema's calendar
 * check throws a RangeError (instead of reporting an issue) on a month like 13.
 */
export function validatePaper(candidate: Record<string, unknown>): Validation {
  const dayIssues: Issue[] = [];
  for (const field of ['day', 'published']) {
    const value = candidate[field];
    if (typeof value === 'string' && ISO_DAY.test(value) && !isRealDay(value)) {
      dayIssues.push({ field, message: 'not a real calendar day' });
    }
  }
  if (dayIssues.length > 0) return { success: false, issues: dayIssues };
  try {
    const parsed = paperSchema.safeParse(candidate);
    if (parsed.success) return { success: true, data: parsed.data };
    return {
      success: false,
      issues: parsed.error.issues.map((issue) => ({
        field: issue.path.map(String).join('.'),
        message: issue.message,
      })),
    };
  } catch (error) {
    return { success: false, issues: [{ field: '', message: (error as Error).message }] };
  }
}
