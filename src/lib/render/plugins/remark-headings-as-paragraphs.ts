import type { Root as MdastRoot, RootContent } from 'mdast';
import { walk } from './mdast-walk.ts';

export /** A record's `#` or underlined line must not become a heading in the page's outline. */
function remarkHeadingsAsParagraphs() {
  return (tree: MdastRoot) => {
    walk(tree, (node, index, parent) => {
      if (node.type !== 'heading' || !parent || index === undefined) return;
      parent.children[index] = { type: 'paragraph', children: node.children } as RootContent;
    });
  };
}
