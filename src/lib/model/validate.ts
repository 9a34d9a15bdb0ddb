import type { z } from 'astro/zod';
import { type PaperData, paperSchema } from './paper.ts';

/** Validation with the content collections' schemas, made safe for every input. */

export interface Issue {
  field: string;
  message: string;
}

export type Validated<T> = { success: true; data: T } | { success: false; issues: Issue[] };

export type Validation = Validated<PaperData>;

/** Validates a candidate with a schema, reporting each problem by field; never throws. */
export function validateWith<T>(schema: z.ZodType<T>, candidate: unknown): Validated<T> {
  try {
    const parsed = schema.safeParse(candidate);
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

/** Validates a candidate record with the paper schema, reporting each problem by field. */
export function validatePaper(candidate: Record<string, unknown>): Validation {
  return validateWith(paperSchema, candidate);
}

/** Issues as one message: `field: message; field: message`. */
export function formatIssues(issues: readonly Issue[]): string {
  return issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
}
