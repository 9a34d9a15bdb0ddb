import { type DefaultTreeAdapterMap, parse } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];

/** An element of a served page, as a browser's parser reads it: quoted or not, end tag or not. */
export interface ParsedElement {
  name: string;
  attributes: Readonly<Record<string, string>>;
  /** Its text, as `textContent` gives it. */
  text: string;
  /** The names of its ancestors, nearest first. */
  ancestors: readonly string[];
}

function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  const children = 'childNodes' in node ? node.childNodes : [];
  return children.map(textOf).join('');
}

/**
 * Every element of an HTML document in document order, parsed by parse5 (the HTML standard's parser), so
 * that tests reading a served page as text do not depend on how it is written (quotes, optional tags).
 */
export function elementsIn(html: string): ParsedElement[] {
  const found: ParsedElement[] = [];
  const visit = (node: Node, ancestors: string[]) => {
    if ('tagName' in node) {
      const element = node as DefaultTreeAdapterMap['element'];
      found.push({
        name: element.tagName,
        attributes: Object.fromEntries(element.attrs.map(({ name, value }) => [name, value])),
        text: textOf(element),
        ancestors,
      });
      ancestors = [element.tagName, ...ancestors];
    }
    for (const child of 'childNodes' in node ? node.childNodes : []) visit(child, ancestors);
  };
  visit(parse(html), []);
  return found;
}

/** The elements of a document with that name whose attributes include all of `attributes`. */
export function elementsWith(
  html: string,
  name: string,
  attributes: Readonly<Record<string, string>> = {},
): ParsedElement[] {
  return elementsIn(html).filter(
    (element) =>
      element.name === name &&
      Object.entries(attributes).every(([attribute, value]) => element.attributes[attribute] === value),
  );
}
