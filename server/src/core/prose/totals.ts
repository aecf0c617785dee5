/**
 * Totals and their parts in prose, linked only where the text says so (issue 5): 「共…N条，其中…」,
 * 「N条，其中…」, 「N条：…」, 「…N条。…主要有：…」, 「N件，分别为…」, with the share 「占X%」 of each part.
 *
 * A list may nest (issue 13): 「办结60件，其中予以公开30件，不予公开4件（其中国家秘密2件）…」 or
 * 「不予公开4件，其中国家秘密2件、商业秘密2件，无法提供3件」. A part's own breakdown is no part of
 * the outer list; it is told apart by parentheses or by a finer separator (、 inside a list
 * separated by ，, ， inside one separated by ；). Where the text does not tell where a breakdown
 * ends (「不予公开4件，其中国家秘密2件，无法提供3件」: is 3 inside the 4?), both lists are
 * `ambiguous`, and no rule reads them.
 */
import type { Figure } from './figures.js';
import type { Paragraph } from './paragraphs.js';

/** A part of a total, with the share the text gives for it. */
export interface Part {
  readonly figure: Figure;
  readonly share?: Figure;
}

/** A total and the parts the text lists for it. */
export interface TotalWithParts {
  readonly total: Figure;
  readonly parts: readonly Part[];
  /** The list says it is complete: it ends with 其他/其余, or is introduced by 分别为. */
  readonly complete: boolean;
  /** The parts follow the total in the same sentence (「N条，其中…」), not in a later one. */
  readonly sameSentence: boolean;
  /** Where the list or a breakdown inside it ends is not clear from the text. */
  readonly ambiguous: boolean;
}

const INTRO = /^[\s\u00a0\u3000]*(?:[，,。：:]?[\s\u00a0\u3000]*(?:[^，,。；;：:\d]{0,24}?(?:主要有|主要包括|包括|分别为|分别是)[：:]?|其中[，,：:]?)|[：:])/;
/** An item that names the rest: 「其他信息45条」, not 「其他法律行政法规禁止公开21件」. */
const OTHER_ITEM = /^(?:属于|为)?(?:其他|其余|其它)(?!法律|行政法规|法规)/;
/** Words before a figure that make it a new total rather than a part: 「；共收到申请5件，其中…」. */
const NEW_TOTAL = /共|合计|总计|累计|全年|全部/;
const SHARE_CLAUSE = /[，,][\s\u00a0\u3000]*占[^，,；;。]*/g;
/** The words between a part and its share: 「，占」, 「（占」. */
const SHARE = /^[，,]?[^、，,；;。]*占/;
const OPEN = new Set(['（', '(']);
const CLOSE = new Set(['）', ')']);
const LEVEL: Record<string, number> = { '、': 1, '，': 2, ',': 2, '；': 3, ';': 3, '。': 4, '！': 4, '？': 4, '!': 4, '?': 4 };
const END = 4;
const MAX_NESTING = 4;

function isCount(figure: Figure): boolean {
  return figure.unit !== '%' && figure.unit !== '元' && figure.unit !== '万元';
}

/** Parenthesis depth before each offset of the text. */
function depths(text: string): Int32Array {
  const out = new Int32Array(text.length + 1);
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    out[i] = depth;
    if (OPEN.has(text[i]!)) depth++;
    else if (CLOSE.has(text[i]!)) depth--;
  }
  out[text.length] = depth;
  return out;
}

/** For each offset, where its sentence ends (the next 。, at any depth; the text's length if none). */
function sentenceEnds(text: string): Int32Array {
  const out = new Int32Array(text.length + 1);
  let end = text.length;
  out[text.length] = end;
  for (let i = text.length - 1; i >= 0; i--) {
    if (LEVEL[text[i]!] === END) end = i;
    out[i] = end;
  }
  return out;
}

/** The strongest separator in text[from, to) at parenthesis depth `depth`, share clauses left out (0: none). */
function gapLevel(text: string, depth: Int32Array, from: number, to: number, at: number): number {
  const shares: [number, number][] = [];
  if (text.lastIndexOf('占', to) >= from) {
    for (const m of text.slice(from, to).matchAll(SHARE_CLAUSE)) shares.push([from + m.index, from + m.index + m[0].length]);
  }
  let level = 0;
  for (let i = from; i < to; i++) {
    const l = LEVEL[text[i]!];
    if (l === undefined || l <= level || depth[i] !== at || (shares.length > 0 && shares.some(([s, e]) => s <= i && i < e))) continue;
    level = l;
  }
  return level;
}

interface List extends TotalWithParts {
  /** Index of the first figure after the list. */
  readonly next: number;
  /** Separator level between the parts (undefined with one part). */
  readonly level: number | undefined;
  /** Offset (in the paragraph) where the list ends. */
  readonly end: number;
}

const cache = new WeakMap<Paragraph, TotalWithParts[]>();

/** The totals with parts in one paragraph (computed once: prose-sum and prose-percent both read them). */
export function totalsIn(paragraph: Paragraph): TotalWithParts[] {
  let totals = cache.get(paragraph);
  if (!totals) {
    totals = computeTotals(paragraph);
    cache.set(paragraph, totals);
  }
  return totals;
}

function computeTotals(paragraph: Paragraph): TotalWithParts[] {
  const { figures, text } = paragraph;
  const base = paragraph.range.start;
  const intros = figures.map((figure) => (isCount(figure) ? INTRO.exec(text.slice(figure.end - base)) : null));
  if (!intros.some((intro) => intro !== null)) return [];
  const depth = depths(text);
  const sentenceEnd = sentenceEnds(text);
  const lists = new Map<number, List>();

  /** The list of figure `i`, inside a list whose parts are separated at `enclosing` (if any), `nesting` lists deep. */
  const listOf = (i: number, enclosing: number | undefined, nesting = 0): List | undefined => {
    const total = figures[i]!;
    const intro = intros[i];
    if (!intro) return undefined;
    const listStart = total.end - base + intro[0].length;
    const at = depth[listStart]!;
    const parts: Part[] = [];
    let level: number | undefined;
    let complete = /分别/.test(intro[0]);
    let ambiguous = false;
    let previousEnd = listStart;
    let end = listStart;
    let j = i + 1;
    for (; j < figures.length; j++) {
      const figure = figures[j]!;
      const offset = figure.start - base;
      if (offset < listStart) continue;
      if (offset > sentenceEnd[listStart]!) break;
      const d = depth[offset]!;
      if (d < at) break;
      const last = parts.at(-1);
      // A share, also in parentheses: 「103条（占26%）」.
      if (figure.unit === '%') {
        if (last && !last.share && SHARE.test(text.slice(previousEnd, offset))) parts[parts.length - 1] = { ...last, share: figure };
        continue;
      }
      // A breakdown in parentheses: 「不予公开4件（其中国家秘密2件）」.
      if (d > at) continue;
      const gap = gapLevel(text, depth, previousEnd, offset, at);
      if (gap >= END) break;
      if (last) {
        if (enclosing !== undefined && gap >= enclosing) break;
        if (intros[j] && NEW_TOTAL.test(text.slice(previousEnd, offset))) break;
        if (level === undefined) level = gap;
        else if (gap > level) break;
        else if (gap < level) {
          // 「3条，1条、2条」: a finer separator with no 其中 before it; what it groups is unclear.
          ambiguous = true;
          break;
        }
      }
      if (figure.unit !== total.unit) break;
      const item = text.slice(previousEnd, offset).split(/[、，,；;：:]/).at(-1)!.trim();
      if (OTHER_ITEM.test(item)) complete = true;
      parts.push({ figure });
      previousEnd = end = figure.end - base;
      if (intros[j]) {
        // No draft nests breakdowns this deep; past it, where the lists end is anyone's guess.
        if (nesting >= MAX_NESTING) {
          ambiguous = true;
          break;
        }
        const inner = listOf(j, level, nesting + 1);
        if (inner) {
          lists.set(j, inner);
          const after = inner.next < figures.length ? gapLevel(text, depth, inner.end, figures[inner.next]!.start - base, at) : END;
          // The breakdown ends where its own separator ends; with one part, or ended by a separator of
          // its own level, where it ends is a guess.
          if (after < END && (inner.level === undefined || inner.level >= after || inner.ambiguous)) {
            ambiguous = true;
            lists.set(j, { ...inner, ambiguous: true });
          }
          previousEnd = end = inner.end;
          j = inner.next - 1;
        }
      }
    }
    if (parts.length > 0 && /^[\s\u00a0\u3000]*等/.test(text.slice(end))) complete = false;
    return { total, parts, complete, sameSentence: !/。/.test(intro[0]), ambiguous, next: j, level, end };
  };

  for (let i = 0; i < figures.length; i++) {
    if (lists.has(i) || !intros[i]) continue;
    const list = listOf(i, undefined);
    if (list && list.parts.length > 0) lists.set(i, list);
  }
  return [...lists.entries()]
    .filter(([, list]) => list.parts.length > 0)
    .sort(([a], [b]) => a - b)
    .map(([, { total, parts, complete, sameSentence, ambiguous }]) => ({ total, parts, complete, sameSentence, ambiguous }));
}
