import { type MathOutput, renderAbstractChecked } from './abstract.ts';
import { renderTitleChecked } from './title.ts';

/** A field the build could only show as plain text, and why. */
export interface RenderProblem {
  field: 'title' | 'abstract';
  message: string;
}

const OUTPUTS: readonly MathOutput[] = ['htmlAndMathml', 'mathml'];

/**
 * What the build would have to show as plain text of a record: its title or abstract failed to render
 * or went over the render budget (`RENDER_BUDGET`), in the page (HTML and MathML) or the feed
 * (MathML) rendering. Empty when the record renders in full. The importer calls this to refuse such
 * records with a message; the build renders them anyway, as escaped text, and warns.
 */
export function checkRenderable(record: { title: string; abstract: string }): RenderProblem[] {
  const problems: RenderProblem[] = [];
  const title = renderTitleChecked(record.title);
  if (title.fallback) problems.push({ field: 'title', message: title.fallback });
  for (const output of OUTPUTS) {
    const abstract = renderAbstractChecked(record.abstract, output);
    if (abstract.fallback) {
      problems.push({ field: 'abstract', message: abstract.fallback });
      break;
    }
  }
  return problems;
}
