import { XMLValidator } from 'fast-xml-parser';
import { SaxesParser } from 'saxes';

/**
 * Why a document is not well-formed XML 1.0, as strictly as we can tell: fast-xml-parser's validator
 * (structure), saxes (a conformant parser: it also rejects characters outside XML 1.0's `Char`
 * production, which fast-xml-parser lets through), and a check for lone UTF-16 surrogates, which a
 * JavaScript string can hold but no XML document can. Empty when it is well-formed.
 */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const validation = XMLValidator.validate(xml);
  if (validation !== true)
    problems.push(`fast-xml-parser: ${validation.err.msg} (line ${validation.err.line})`);
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (error) => problems.push(`saxes: ${error.message}`));
  try {
    parser.write(xml).close();
  } catch (error) {
    problems.push(`saxes: ${(error as Error).message}`);
  }
  const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.exec(xml);
  if (lone)
    problems.push(`lone surrogate U+${lone[0].charCodeAt(0).toString(16).toUpperCase()} at ${lone.index}`);
  return problems;
}
