/**
 * Sets the clock of a Node process to a simulated moment, for the soak's simulated days:
 * `NODE_OPTIONS=--import=<this file's URL>?now=2026-08-03T07:00:00Z`. The clock still runs from there
 * (timeouts and durations are unchanged); only the wall-clock date moves. Plain JavaScript, because
 * NODE_OPTIONS also reaches npm's own Node, which may be too old to strip types.
 */
const now = Date.parse(new URL(import.meta.url).searchParams.get('now') ?? '');
if (Number.isNaN(now)) throw new Error(`clock.mjs: no valid ?now= in ${import.meta.url}`);
const offset = now - Date.now();
const RealDate = Date;

class SimulatedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + offset);
    else super(...args);
  }

  static now() {
    return RealDate.now() + offset;
  }
}

globalThis.Date = SimulatedDate;
