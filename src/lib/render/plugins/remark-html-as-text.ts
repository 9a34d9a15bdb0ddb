import type { Root as MdastRoot, RootContent, Text } from 'mdast';
import { walk } from './mdast-walk.ts';

// Parents whose children are blocks: raw HTML there is an HTML *block* and its text needs a paragraph.
const FLOW_PARENTS = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);

export /** Raw HTML in a record is shown as the text it is, neither dropped (text would be lost) nor run. */
function remarkHtmlAsText() {
  return (tree: MdastRoot) => {
    walk(tree, (node, index, parent) => {
      if (node.type !== 'html' || !parent || index === undefined) return;
      const text: Text = { type: 'text', value: node.value };
      parent.children[index] = FLOW_PARENTS.has(parent.type)
        ? ({ type: 'paragraph', children: [text] } as RootContent)
        : text;
    });
  };
}
