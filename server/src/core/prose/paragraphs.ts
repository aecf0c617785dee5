/**
 * The prose of a report: its paragraphs with their figures, computed once per report.
 */
import type { Report } from '../model/report.js';
import type { TextRange } from '../text/lines.js';
import { extractFigures, type Figure } from './figures.js';

/** A paragraph of prose and the figures in it. */
export interface Paragraph {
  readonly range: TextRange;
  /** The paragraph's source text. */
  readonly text: string;
  readonly figures: readonly Figure[];
}

const cache = new WeakMap<Report, Paragraph[]>();

/**
 * The paragraphs of a report (not the title, not tables or headings), with their figures. A list is
 * read as a paragraph: a Word draft's 「1. 主动公开情况。…」 is a Markdown list (issue 24).
 */
export function paragraphsOf(report: Report): Paragraph[] {
  let paragraphs = cache.get(report);
  if (!paragraphs) {
    paragraphs = report.blocks.blocks
      .filter((b) => (b.type === 'paragraph' || b.type === 'list') && !(report.title && b.range.start < report.title.range.end && b.range.end > report.title.range.start))
      .map((b) => {
        const text = report.text.slice(b.range.start, b.range.end);
        return { range: b.range, text, figures: extractFigures(text, b.range.start) };
      });
    cache.set(report, paragraphs);
  }
  return paragraphs;
}
