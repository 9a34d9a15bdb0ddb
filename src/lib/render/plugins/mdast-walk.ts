import type { Root as MdastRoot, Parent, RootContent } from 'mdast';

/**
 * Visits every node under `node` depth-first in document order, with an explicit stack instead of
 * recursion (a record's nesting must not decide how deep the call stack goes). Index-based, so nodes
 * inserted after the current one are visited too.
 */
export function walk(
  node: MdastRoot | RootContent,
  visit: (node: RootContent, index: number | undefined, parent: Parent | undefined) => void,
): void {
  if (!('children' in node)) return;
  const stack: { parent: Parent; index: number }[] = [{ parent: node as Parent, index: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as { parent: Parent; index: number };
    if (frame.index >= frame.parent.children.length) {
      stack.pop();
      continue;
    }
    const index = frame.index++;
    visit(frame.parent.children[index] as RootContent, index, frame.parent);
    // Read the child again: `visit` may have replaced it.
    const child = frame.parent.children[index] as RootContent;
    if ('children' in child) stack.push({ parent: child as Parent, index: 0 });
  }
}
