import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { isWebUrl } from '../web-links.ts';

/** Links in records may only lead to absolute http(s) URLs; any other link is unwrapped to its text. */
export function rehypeOnlyWebLinks() {
  return (tree: HastRoot) => {
    // Children before parents (an explicit post-order stack, not recursion), so a link inside an
    // unwrapped link is already settled when its parent splices it in.
    const parents: (HastRoot | Element)[] = [];
    const stack: (HastRoot | Element)[] = [tree];
    while (stack.length > 0) {
      const node = stack.pop() as HastRoot | Element;
      parents.push(node);
      for (const child of node.children) if (child.type === 'element') stack.push(child);
    }
    for (let position = parents.length - 1; position >= 0; position--) {
      const node = parents[position] as HastRoot | Element;
      node.children = (node.children as ElementContent[]).flatMap((child) =>
        child.type === 'element' && child.tagName === 'a' && !isWebUrl(String(child.properties.href ?? ''))
          ? child.children
          : [child],
      );
    }
  };
}
