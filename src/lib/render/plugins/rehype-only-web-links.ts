import type { ElementContent, Root as HastRoot } from 'hast';
import { isWebUrl } from '../web-links.ts';

export /** Links in records may only lead to absolute http(s) URLs; any other link is unwrapped to its text. */
function rehypeOnlyWebLinks() {
  const unwrap = (children: ElementContent[]): ElementContent[] =>
    children.flatMap((child) => {
      if (child.type !== 'element') return [child];
      child.children = unwrap(child.children);
      return child.tagName === 'a' && !isWebUrl(String(child.properties.href ?? ''))
        ? child.children
        : [child];
    });
  return (tree: HastRoot) => {
    tree.children = unwrap(tree.children as ElementContent[]);
  };
}
