import type { Element, ElementContent, Root as HastRoot, RootContent } from 'hast';
import { RENDER_BUDGET } from '../budget.ts';
import { type FormulaOptions, formulaSource, renderFormula } from '../math.ts';

type Parent = HastRoot | Element;

function classes(element: Element): unknown[] {
  const className = element.properties.className;
  return Array.isArray(className) ? className : [];
}

/** The text of an element, as rehype-katex reads it (`pre` white space: every text node, joined). */
function textOf(node: Element): string {
  let text = '';
  const stack: ElementContent[] = [...node.children].reverse();
  while (stack.length > 0) {
    const child = stack.pop() as ElementContent;
    if (child.type === 'text') text += child.value;
    else if (child.type === 'element')
      for (let i = child.children.length - 1; i >= 0; i--) stack.push(child.children[i] as ElementContent);
  }
  return text;
}

/**
 * Renders remark-math's `code.math-inline`, `code.math-display` and ```` ```math ```` blocks with KaTeX,
 * as rehype-katex does, but within the render budget: each formula through `renderFormula` (checked
 * before, measured after), and at most `formulas` formulas and `formulaSourceTotal` characters of TeX
 * per text; later formulas show their source. The HTML goes in as `raw` nodes (KaTeX escapes what it
 * is given), so it is neither parsed back into a tree nor sanitized away: run this after the sanitizer,
 * and stringify with `allowDangerousHtml`.
 */
export function rehypeMath({ output }: Pick<FormulaOptions, 'output'>) {
  const budget = RENDER_BUDGET;
  return (tree: HastRoot) => {
    let formulas = 0;
    let sourceTotal = 0;
    let htmlTotal = 0;
    const render = (tex: string, displayMode: boolean): string => {
      formulas++;
      sourceTotal += tex.length;
      // Past the abstract's HTML budget the abstract falls back to plain text anyway: stop paying KaTeX.
      if (htmlTotal > budget.abstractHtml)
        return formulaSource(tex, 'the text has too much formula HTML', displayMode);
      if (formulas > budget.formulas)
        return formulaSource(tex, `the text has more than ${budget.formulas} formulas`, displayMode);
      if (sourceTotal > budget.formulaSourceTotal)
        return formulaSource(
          tex,
          `the text has more than ${budget.formulaSourceTotal} characters of formulas`,
          displayMode,
        );
      const html = renderFormula(tex, { displayMode, output }, budget);
      htmlTotal += html.length;
      return html;
    };

    // Depth-first in document order with an explicit stack, so formulas are counted in reading order.
    const stack: { parent: Parent; index: number }[] = [{ parent: tree, index: 0 }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as { parent: Parent; index: number };
      const { parent } = frame;
      if (frame.index >= parent.children.length) {
        stack.pop();
        continue;
      }
      const index = frame.index++;
      const node = parent.children[index] as RootContent;
      if (node.type !== 'element') continue;
      const nodeClasses = classes(node);
      const languageMath = nodeClasses.includes('language-math');
      const mathDisplay = nodeClasses.includes('math-display');
      if (!languageMath && !mathDisplay && !nodeClasses.includes('math-inline')) {
        stack.push({ parent: node, index: 0 });
        continue;
      }
      // A ```math block or `$$` block is a `code` inside a `pre`: the `pre` is what gets replaced.
      const grandparent = stack[stack.length - 2]?.parent;
      if (
        node.tagName === 'code' &&
        languageMath &&
        parent.type === 'element' &&
        parent.tagName === 'pre' &&
        grandparent
      ) {
        const position = grandparent.children.indexOf(parent);
        grandparent.children.splice(position, 1, { type: 'raw', value: render(textOf(parent), true) });
        // The `pre` is gone: leave its frame.
        stack.pop();
        continue;
      }
      parent.children.splice(index, 1, { type: 'raw', value: render(textOf(node), mathDisplay) });
    }
  };
}
