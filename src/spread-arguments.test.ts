import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { expect, test } from 'vitest';

/**
 * `f(...items)` passes every item as an argument on the stack: past about 100,000 of them it throws
 * `RangeError: Maximum call stack size exceeded` (a day of 130,000 papers did, at `items.push(...fresh)`).
 * So no source file spreads an array into a call, unless the line before says why that array is small
 * (`// bounded: …`). Array literals (`[...a, ...b]`) build no call and are fine.
 */

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(?:ts|mjs)$/.test(entry.name) && !entry.name.endsWith('.test.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

/** `file:line: call` of each spread argument without a `// bounded:` comment on the line before. */
function unboundedSpreads(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const lines = text.split('\n');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isSpreadElement(node) && (ts.isCallExpression(node.parent) || ts.isNewExpression(node.parent))) {
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line;
      if (!/\/\/ bounded: /.test(lines[line - 1] ?? ''))
        found.push(`${file}:${line + 1}: ${node.parent.getText().split('\n')[0]}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

test('no source file spreads an array of unknown size into a call', () => {
  expect(sourceFiles('src').flatMap(unboundedSpreads)).toEqual([]);
});
