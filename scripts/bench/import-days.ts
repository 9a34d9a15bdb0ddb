/**
 * Imports Hugging Face day files named `YYYY-MM-DD.json`, each with its name as its day (`--date`:
 * older files of the real stream lack `submittedOnDailyAt`), in one process, as `npm run import`
 * would one file at a time. Usage: node scripts/bench/import-days.ts OUT FILE...
 * Prints the importer's `total:` line; exits 1 when a record was rejected or a file refused.
 */
import { basename } from 'node:path';
import { type Counts, formatCounts, importFiles } from '../../src/lib/import/run.ts';

/** The day a day file is named for, or undefined when its name is not `YYYY-MM-DD.json`. */
export function dayOfFile(file: string): string | undefined {
  return /^(\d{4}-\d{2}-\d{2})\.json$/.exec(basename(file))?.[1];
}

if (import.meta.main) {
  const [outDir, ...files] = process.argv.slice(2);
  if (!outDir || files.length === 0) {
    process.stderr.write('usage: node scripts/bench/import-days.ts OUT FILE...\n');
    process.exit(2);
  }
  const total: Counts = { new: 0, updated: 0, unchanged: 0, rejected: 0 };
  let refused = 0;
  for (const file of files) {
    const date = dayOfFile(file);
    if (!date) throw new Error(`${file}: not a day file named YYYY-MM-DD.json`);
    const report = await importFiles([file], { format: 'hf', date, outDir });
    for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += report.total[key];
    refused += report.refusedFiles;
    for (const fileReport of report.files) {
      if (fileReport.refused !== undefined) process.stderr.write(`${fileReport.refused}\n`);
      for (const error of fileReport.errors) process.stderr.write(`${error}\n`);
    }
  }
  process.stdout.write(`total: ${formatCounts(total)}\n`);
  if (total.rejected > 0 || refused > 0) process.exit(1);
}
