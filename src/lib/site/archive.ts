import type { Day } from './digest.ts';
import { formatMonth } from './format.ts';

export interface Month {
  /** `2026-07` */
  key: string;
  /** `July 2026` */
  label: string;
  days: Day[];
}

/** Groups consecutive days (newest first) by calendar month, keeping their order. */
export function groupDaysByMonth(days: readonly Day[]): Month[] {
  const months: Month[] = [];
  for (const day of days) {
    const key = day.day.slice(0, 7);
    const last = months.at(-1);
    if (last?.key === key) last.days.push(day);
    else months.push({ key, label: formatMonth(day.day), days: [day] });
  }
  return months;
}
