/** A digest day is a calendar day written `YYYY-MM-DD`: the one rule every layer checks days with. */

export const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `day` is `YYYY-MM-DD` and names a real calendar day (2026-02-30 and 2026-13-01 do not). */
export function isRealDay(day: string): boolean {
  if (!ISO_DAY.test(day)) return false;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
}

/** A span of days, `from` through `to`, inclusive. */
export interface DayWindow {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;

/** Today's UTC day. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The day `count` days after `day` (before it when negative). */
export function addDays(day: string, count: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + count * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The latest day a paper can be dated: tomorrow in UTC, since a day somewhere east of Greenwich can
 * start before UTC's. A later day in a record or an argument is an error, not a plan.
 */
export function latestDay(today: string = todayUtc()): string {
  return addDays(today, 1);
}
