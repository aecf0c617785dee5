/**
 * Categories the text names together (issue 13): 「予以公开及部分公开30件」 and 「予以公开（含部分公开）
 * 30件」 name two rows of 表三 with one figure, their sum; 「行政复议、行政诉讼各0件」 gives each
 * the figure; 「予以公开、部分公开、不予公开分别为8件、24件、157件」 pairs them in order. Such a
 * figure is compared to what it names, never to the one category written next to it.
 */
import { firstFigureFrom, type Figure } from './figures.js';
import type { Paragraph } from './paragraphs.js';
import { FIGURE_PHRASES, type FigurePhrase } from './phrases.js';

/** How a figure relates to the categories named before it. */
export type Combination = 'sum' | 'each';

/** One figure and the categories it counts. */
export interface CombinedFigure {
  /** The categories, in the order written. */
  readonly phrases: readonly FigurePhrase[];
  readonly figure: Figure;
  readonly how: Combination;
  /** Offsets of the words naming the categories through the figure. */
  readonly start: number;
  readonly end: number;
}

/** Categories the text may name together, by their bare term. */
const TERMED = FIGURE_PHRASES.filter((p): p is FigurePhrase & { term: string } => p.term !== undefined);
const TERMS = TERMED.map((p) => p.term).join('|');
const JOIN = '(?:以及|及|和|与|、|或|加)';
const SPACE = '[ \\u00a0\\u3000]*';
/** 「予以公开及部分公开」, 「行政复议、行政诉讼」: two terms or more. */
const CHAIN = new RegExp(`(?:${TERMS})(?:${SPACE}${JOIN}${SPACE}(?:${TERMS}))+|(?:${TERMS})[（(](?:含|包括|包含)(?:${TERMS})[）)]`, 'g');
/** What may sit between the chain and its figure: 「的申请共」, 「类案件合计为」. */
const LINK = new RegExp(`^(?:的|类)?(?:政府信息公开)?(?:申请|案件|情况)?${SPACE}(?:共计|共|合计|总计|总数|数量|数)?(?:为|有|达)?${SPACE}`);
const EACH = new RegExp(`^(?:的|类)?(?:申请|案件)?${SPACE}(?:各|均为|均是|都是|均)${SPACE}`);
const RESPECTIVELY = new RegExp(`^(?:的|类)?(?:申请|案件)?(?:数量|数)?${SPACE}分别(?:为|是|有)?[：:]?${SPACE}`);
const TERM = new RegExp(TERMS, 'g');
/** 「予以公开32件（含部分公开24件）」: the figure before it counts another category too. */
const INCLUDES = new RegExp(`^${SPACE}[（(](?:含|包括|包含|其中)(${TERMS})`);

/** The category the figure ending at `offset` of the text is said to include besides its own, if any. */
export function includedCategory(text: string, offset: number): FigurePhrase | undefined {
  const m = INCLUDES.exec(text.slice(offset));
  return m ? TERMED.find((p) => p.term === m[1]) : undefined;
}

function termsIn(text: string): FigurePhrase[] {
  return [...text.matchAll(TERM)].map((m) => TERMED.find((p) => p.term === m[0])!);
}

/** The figure starting exactly at `offset`, if any. */
function figureAt(figures: readonly Figure[], offset: number): Figure | undefined {
  const i = firstFigureFrom(figures, offset);
  const figure = figures[i];
  return figure && figure.start === offset ? figure : undefined;
}

/** What a paragraph says of categories named together. */
export interface CombinedCategories {
  /** One entry per figure. */
  readonly figures: readonly CombinedFigure[];
  /** Where categories are named together, with or without a figure: no category inside is read alone. */
  readonly claimed: readonly { readonly start: number; readonly end: number }[];
}

/** The figures a paragraph gives for categories named together. */
export function combinedFigures(paragraph: Paragraph): CombinedCategories {
  const out: CombinedFigure[] = [];
  const claimed: { start: number; end: number }[] = [];
  const base = paragraph.range.start;
  const { text, figures } = paragraph;
  for (const m of text.matchAll(CHAIN)) {
    const phrases = termsIn(m[0]);
    const after = m.index + m[0].length;
    const rest = text.slice(after);
    const respectively = RESPECTIVELY.exec(rest);
    if (respectively) {
      // 「分别为8件、24件、157件」: one figure per category, in order, or nothing is read.
      const listed: Figure[] = [];
      let at = after + respectively[0].length;
      for (let k = 0; k < phrases.length; k++) {
        const figure = figureAt(figures, base + at);
        if (!figure) break;
        listed.push(figure);
        const gap = /^[ \u00a0\u3000]*[、，,和及][ \u00a0\u3000]*/.exec(text.slice(figure.end - base));
        at = figure.end - base + (gap?.[0].length ?? 0);
      }
      if (listed.length === phrases.length) listed.forEach((figure, k) => out.push({ phrases: [phrases[k]!], figure, how: 'sum', start: base + m.index, end: figure.end }));
      claimed.push({ start: base + m.index, end: listed.at(-1)?.end ?? base + after });
      continue;
    }
    const each = EACH.exec(rest);
    const link = each ?? LINK.exec(rest);
    const figure = figureAt(figures, base + after + (link?.[0].length ?? 0));
    if (figure) out.push({ phrases, figure, how: each ? 'each' : 'sum', start: base + m.index, end: figure.end });
    claimed.push({ start: base + m.index, end: figure?.end ?? base + after });
  }
  return { figures: out, claimed };
}
