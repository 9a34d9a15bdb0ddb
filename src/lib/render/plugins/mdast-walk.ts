import type { Root as MdastRoot, Parent, RootContent } from 'mdast';

/** Visits every node under `node` depth-first, index-based so that nodes inserted after the current one are visited too. */
export function walk(
  node: MdastRoot | RootContent,
  visit: (node: RootContent, index: number | undefined, parent: Parent | undefined) => void,
): void {
  if (!('children' in node)) return;
  const parent = node as Parent;
  for (let index = 0; index < parent.children.length; index++) {
    const child = parent.children[index] as RootContent;
    visit(child, index, parent);
    walk(child, visit);
  }
}
