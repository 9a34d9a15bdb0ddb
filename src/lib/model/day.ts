/** A digest day is a calendar day written `YYYY-MM-DD`: the one rule every layer checks days with. */

export const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `day` is `YYYY-MM-DD` and names a real calendar day (2026-02-30 and 2026-13-01 do not). */
export function isRealDay(day: string): boolean {
  if (!ISO_DAY.test(day)) return false;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
}
