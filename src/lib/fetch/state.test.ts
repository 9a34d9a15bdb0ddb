import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { useTempContentDir } from '../../../tests/helpers.ts';
import { fetchStatePath, readFetchState, recordFetched } from './state.ts';

const dir = useTempContentDir();
const path = () => join(dir(), 'fetch-state.json');
const today = '2026-11-28';

describe('the fetch state', () => {
  test('lives beside the content directory: content/fetch-state.json for content/papers', () => {
    expect(fetchStatePath('/repo/content/papers')).toBe('/repo/content/fetch-state.json');
    expect(fetchStatePath('/repo/content/papers/')).toBe('/repo/content/fetch-state.json');
  });

  test('a missing file is an empty state', async () => {
    expect(await readFetchState(path(), today)).toEqual({ state: { arxiv: {} }, problems: [] });
  });

  test('records move forward only, without a gap, one key per source and query; the text is stable', async () => {
    const hf = { source: 'hf' } as const;
    const arxiv = { source: 'arxiv', query: 'cat:cs.CL' } as const;
    const record = (key: typeof hf | typeof arxiv, from: string, through: string) =>
      recordFetched(path(), key, { from, through }, today);
    expect(await record(hf, '2026-11-20', '2026-11-25')).toBe('2026-11-25');
    expect(await record(arxiv, '2026-11-18', '2026-11-24')).toBe('2026-11-24');
    await recordFetched(
      path(),
      { source: 'arxiv', query: 'abs:"a b"' },
      { from: '2026-11-01', through: '2026-11-02' },
      today,
    );
    // A backfill of older days, and a run that skipped days after the state's, leave it as it is.
    expect(await record(hf, '2026-10-01', '2026-10-31')).toBeUndefined();
    expect(await record(hf, '2026-11-27', '2026-11-27')).toBeUndefined();
    // Today is not over: a run through today records yesterday, and a run of today alone nothing.
    expect(await record(hf, today, today)).toBeUndefined();
    // The day after the state's, or a lookback that overlaps it, moves it on.
    expect(await record(hf, '2026-11-26', today)).toBe('2026-11-27');
    expect(await readFile(path(), 'utf8')).toBe(
      '{\n  "hf": "2026-11-27",\n  "arxiv": {\n    "abs:\\"a b\\"": "2026-11-02",\n    "cat:cs.CL": "2026-11-24"\n  }\n}\n',
    );
  });

  test('what cannot be used is left out, each with a problem: the fetch then starts from the store', async () => {
    await writeFile(
      path(),
      '{"hf": "2099-12-31", "arxiv": {"cat:cs.CL": "2026-11-20", "x": "soon", "y": 3}}',
    );
    const { state, problems } = await readFetchState(path(), today);
    expect(state).toEqual({ arxiv: { 'cat:cs.CL': '2026-11-20' } });
    expect(problems).toEqual([
      `${path()}: hf: "2099-12-31" is not a day up to today (2026-11-28): ignored`,
      `${path()}: arxiv "x": "soon" is not a day up to today (2026-11-28): ignored`,
      `${path()}: arxiv "y": 3 is not a day up to today (2026-11-28): ignored`,
    ]);
    await writeFile(path(), '{"hf": ');
    expect((await readFetchState(path(), today)).problems).toEqual([
      expect.stringMatching(/fetch-state\.json: not valid JSON \(.+\): ignored$/),
    ]);
  });
});
