import { type PaperData, paperSchema } from './paper.ts';

/** Validation with the content collection's schema, made safe for every input. */

export interface Issue {
  field: string;
  message: string;
}

export type Validation = { success: true; data: PaperData } | { success: false; issues: Issue[] };

/** Validates a candidate record with the paper schema, reporting each problem by field. */
export function validatePaper(candidate: Record<string, unknown>): Validation {
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
