/**
 * Totals and their parts in prose, linked only where the text says so (issue 5): 「共…N条，其中…」,
 * 「N条，其中…」, 「N条：…」, 「…N条。…主要有：…」, 「N件，分别为…」, 「N条（其中…）」, with the share
 * 「占X%」 of each part.
 *
 * A list may nest (issue 13): 「办结60件，其中予以公开30件，不予公开4件（其中国家秘密2件）…」 or
 * 「不予公开4件，其中国家秘密2件、商业秘密2件，无法提供3件」. A part's own breakdown is no part of
 * the outer list; it is told apart by parentheses or by a finer separator (、 inside a list
 * separated by ，, ， inside one separated by ；). Where the text does not tell where a breakdown
 * ends (「不予公开4件，其中国家秘密2件，无法提供3件」: is 3 inside the 4?), both lists are
 * `ambiguous`, and no rule reads them.
 *
 * What 其中 belongs to (issue 24). 其中 after a change (「较上年增加42件。其中…」), after a share
 * (「…1089份，已100%实现全文电子化。其中…」) or after a clause without figures (「74条，涉及…等，其中…」)
 * belongs to a total said before it: among the counts of its sentence, else of the sentence
 * before, the one the parts add up to, or the only one of their unit; none, or several that do not
 * add up, and the list is not read. 其中 after the last of several figures 「行政复议5宗，行政诉讼
 * 0宗，其中…」 may break down any of them: the one the parts add up to, or none.
 *
 * Where a list ends (issue 24). A list whose next item switches unit (条 → 件) at the same
 * separator, or that goes on after a stronger separator with more figures of its unit (「…7件，
 * 结果维持6件，尚未审结1件；行政诉讼4件，…」), has no clear end: `ambiguous`. So is a list of parts
 * that each repeat the total (「73条，其中网站73条；微信73条；公开栏73条」): an overlap, not a
 * breakdown.
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

const SPACE = '[\\s\\u00a0\\u3000]*';
/** What links a figure to the list after it. */
const INTRO = new RegExp(
  `^${SPACE}(?:[，,。：:]?${SPACE}(?:[^，,。；;：:\\d（(]{0,24}?(?:主要有|主要包括|包括|分别为|分别是|具体为|具体是)[：:]?|其中[，,：:]?)|[：:]|[，,]?${SPACE}[（(]${SPACE}(?:其中|包括|含)[，,：:]?)`,
);
/** 其中 with no figure right before it: its total is found among the counts said before. */
const ORPHAN = /其中[，,：:]?/g;
/** An item that names the rest: 「其他信息45条」, not 「其他法律行政法规禁止公开21件」. */
const OTHER_ITEM = /^(?:属于|为)?(?:其他|其余|其它)(?!法律|行政法规|法规)/;
/** Words before a figure that make it a new total rather than a part: 「；共收到申请5件，其中…」. */
const NEW_TOTAL = /共|合计|总计|累计|全年|全部/;
/** Words right before a figure that make it a change, not a count: 「较上年增加42件」. */
const CHANGE = /(?:增加|减少|增长|下降|上升|提高|增|减|多|少)(?:了)?$/;
const SHARE_CLAUSE = /[，,][\s\u00a0\u3000]*占[^，,；;。]*/g;
/** The words between a part and its share: 「，占」, 「（占」. */
const SHARE = /^[，,]?[^、，,；;。]*占/;
const OPEN = new Set(['（', '(']);
const CLOSE = new Set(['）', ')']);
const LEVEL: Record<string, number> = { '、': 1, '，': 2, ',': 2, '；': 3, ';': 3, '。': 4, '！': 4, '？': 4, '!': 4, '?': 4 };
const END = 4;
const MAX_NESTING = 4;

function isCount(figure: Figure): boolean {
  return figure.unit !== '%' && figure.unit !== '元' && figure.unit !== '万元' && figure.unit !== '';
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

/** Where the sentence holding `offset` starts (after the previous 。). */
function sentenceStart(text: string, offset: number): number {
  let s = offset;
  while (s > 0 && LEVEL[text[s - 1]!] !== END) s--;
  return s;
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

interface List {
  readonly parts: readonly Part[];
  readonly complete: boolean;
  readonly ambiguous: boolean;
  /** Index of the first figure after the list. */
  readonly next: number;
  /** Separator level between the parts (undefined with one part). */
  readonly level: number | undefined;
  /** Offset (in the paragraph) where the list ends. */
  readonly end: number;
}

interface Linked extends List {
  readonly total: Figure;
  readonly sameSentence: boolean;
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

function sumOf(parts: readonly Part[]): number {
  return parts.reduce((s, p) => s + p.figure.value, 0);
}

function computeTotals(paragraph: Paragraph): TotalWithParts[] {
  const { figures, text } = paragraph;
  const base = paragraph.range.start;
  const intros = figures.map((figure) => (isCount(figure) ? INTRO.exec(text.slice(figure.end - base)) : null));
  if (!intros.some((intro) => intro !== null) && !text.includes('其中')) return [];
  const depth = depths(text);
  const sentenceEnd = sentenceEnds(text);
  const lists = new Map<number, Linked>();
  const offsetOf = (figure: Figure): number => figure.start - base;
  /** A change (「增加42件」) is no total. */
  const isChange = (figure: Figure): boolean => CHANGE.test(text.slice(Math.max(0, offsetOf(figure) - 4), offsetOf(figure)));

  /**
   * The parts listed from `listStart` (figures from index `from`), in `unit` (the first part's when
   * undefined), inside a list whose parts are separated at `enclosing` (if any), `nesting` lists deep.
   */
  const readList = (listStart: number, from: number, unit: string | undefined, complete: boolean, enclosing: number | undefined, nesting: number): List => {
    const at = depth[listStart]!;
    const parts: Part[] = [];
    let level: number | undefined;
    let ambiguous = false;
    let previousEnd = listStart;
    let end = listStart;
    let j = from;
    for (; j < figures.length; j++) {
      const figure = figures[j]!;
      const offset = offsetOf(figure);
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
      const between = text.slice(previousEnd, offset);
      if (last) {
        if (enclosing !== undefined && gap >= enclosing) break;
        if (intros[j] && NEW_TOTAL.test(between)) break;
        if (level === undefined) level = gap;
        else if (gap > level) {
          // 「…7件，结果维持6件，尚未审结1件；行政诉讼4件，…」: the list goes on after a stronger
          // separator; whether the ，-items were parts or one part's breakdown is unclear.
          if (figure.unit === (unit ?? last.figure.unit) && !NEW_TOTAL.test(between)) ambiguous = true;
          break;
        } else if (gap < level) {
          // 「3条，1条、2条」: a finer separator with no 其中 before it; what it groups is unclear.
          ambiguous = true;
          break;
        }
      }
      if (figure.unit !== (unit ?? figure.unit) || !isCount(figure)) {
        // 「…1条，其他信息3件」: the unit switches inside the list; whether it ended is unclear.
        if (last && gap === level && isCount(figure)) ambiguous = true;
        break;
      }
      unit ??= figure.unit;
      const item = between.split(/[、，,；;：:]/).at(-1)!.trim();
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
          const after = inner.next < figures.length ? gapLevel(text, depth, inner.end, offsetOf(figures[inner.next]!), at) : END;
          // The breakdown ends where its own separator ends; with one part, or ended by a separator of
          // its own level, where it ends is a guess.
          // A breakdown in parentheses (「200条（其中图片新闻50条）」) ends where they close.
          const innerDepth = depth[figure.end - base + intros[j]![0].length]!;
          if (innerDepth <= at && after < END && (inner.level === undefined || inner.level >= after || inner.ambiguous)) {
            ambiguous = true;
            lists.set(j, { ...inner, ambiguous: true });
          }
          previousEnd = end = inner.end;
          j = inner.next - 1;
        }
      }
    }
    if (parts.length > 0 && /^[\s\u00a0\u3000]*等/.test(text.slice(end))) complete = false;
    return { parts, complete, ambiguous, next: j, level, end };
  };

  /** The list of figure `i`, inside a list whose parts are separated at `enclosing` (if any), `nesting` lists deep. */
  const listOf = (i: number, enclosing: number | undefined, nesting = 0): Linked | undefined => {
    const total = figures[i]!;
    const intro = intros[i];
    if (!intro) return undefined;
    const listStart = total.end - base + intro[0].length;
    const list = readList(listStart, i + 1, total.unit, /分别|具体/.test(intro[0]), enclosing, nesting);
    return { ...list, total, sameSentence: !/。/.test(intro[0]) };
  };

  /**
   * What a top-level 其中 list belongs to: `near` (the figure right before, if any) or one of the
   * counts of the sentence (or, at a sentence start, of the sentence before). The one the parts add up
   * to wins; otherwise the only candidate of their unit; otherwise none.
   */
  const resolve = (near: Figure | undefined, at: number, list: List): Linked | undefined => {
    const unit = list.parts[0]?.figure.unit;
    if (unit === undefined) return undefined;
    const start = sentenceStart(text, at);
    let from = start;
    let sameSentence = true;
    let candidates = figures.filter((f) => offsetOf(f) >= from && offsetOf(f) < at && f.unit === unit && !isChange(f) && !f.vague);
    // 「…379件。经审查办理，其中…」: with no count before it in its sentence, 其中 looks back one sentence.
    if (candidates.length === 0 && start > 0 && !figures.some((f) => offsetOf(f) >= start && offsetOf(f) < at && isCount(f))) {
      from = sentenceStart(text, start - 1);
      sameSentence = false;
      candidates = figures.filter((f) => offsetOf(f) >= from && offsetOf(f) < start && f.unit === unit && !isChange(f) && !f.vague);
    }
    // Parts already counted in another list are no total of their own.
    candidates = candidates.filter((f) => ![...lists.values()].some((l) => l.parts.some((p) => p.figure === f)));
    if (list.parts.some((p) => p.figure.vague)) return candidates.length === 1 ? { ...list, total: candidates[0]!, sameSentence } : undefined;
    const sum = sumOf(list.parts);
    const matching = candidates.filter((f) => Math.abs(f.value - sum) < 1e-9);
    if (near && matching.includes(near)) return { ...list, total: near, sameSentence };
    if (matching.length > 0) return { ...list, total: matching.at(-1)!, sameSentence };
    if (candidates.length === 1 && (!near || candidates[0] === near)) return { ...list, total: candidates[0]!, sameSentence };
    return undefined;
  };

  /** 「行政复议5宗，行政诉讼0宗，其中…」: the same-unit figures before figure `i` in one run of its list. */
  const siblingsOf = (i: number): Figure[] => {
    const out: Figure[] = [];
    const total = figures[i]!;
    for (let k = i - 1; k >= 0; k--) {
      const f = figures[k]!;
      if (f.unit !== total.unit || depth[offsetOf(f)] !== depth[offsetOf(total)]) break;
      const between = text.slice(f.end - base, offsetOf(out.at(-1) ?? total));
      if (!/^[^。；;（(]*$/.test(between) || /其中|包括|分别/.test(between) || !/[，,、]/.test(between)) break;
      out.push(f);
    }
    return out;
  };

  /**
   * 「…46件，更新发布政策解读106条，其中解读材料65条，解读产品41条，发布…动态信息596条。」: the
   * clauses run on after the breakdown at its own separator. Where the parts first add up to the total,
   * the list ends; a total that is one clause of such a run, with no such point, has no clear end.
   */
  const fit = (i: number, list: Linked): Linked => {
    const { total, parts } = list;
    if (parts.length < 3 || parts.some((p) => p.figure.vague) || Math.abs(sumOf(parts) - total.value) < 1e-9) {
      return parts.length >= 2 && inRun(i, list) && Math.abs(sumOf(parts) - total.value) >= 1e-9 ? { ...list, ambiguous: true } : list;
    }
    for (let k = 2; k < parts.length; k++) {
      if (Math.abs(sumOf(parts.slice(0, k)) - total.value) < 1e-9) {
        const last = parts[k - 1]!.figure;
        return { ...list, parts: parts.slice(0, k), end: last.end - base, next: figures.indexOf(last) + 1 };
      }
    }
    return inRun(i, list) ? { ...list, ambiguous: true } : list;
  };
  /** The total is one clause of a run at the separator its parts use (a figure before it, in its sentence, at that level). */
  const inRun = (i: number, list: Linked): boolean => {
    const previous = figures[i - 1];
    if (!previous || list.level === undefined || offsetOf(previous) < sentenceStart(text, offsetOf(figures[i]!))) return false;
    return gapLevel(text, depth, previous.end - base, offsetOf(figures[i]!), depth[offsetOf(figures[i]!)]!) === list.level;
  };

  const covered: [number, number][] = [];
  for (let i = 0; i < figures.length; i++) {
    if (lists.has(i) || !intros[i]) continue;
    const total = figures[i]!;
    const read = listOf(i, undefined);
    if (!read || read.parts.length === 0) continue;
    let list = fit(i, read);
    covered.push([total.end - base, list.end]);
    const atSentenceStart = /。/.test(intros[i]![0]);
    const siblings = siblingsOf(i);
    if (/其中/.test(intros[i]![0]) && (atSentenceStart || isChange(total) || siblings.length > 0)) {
      // 「…增加42件。其中…」, 「…5宗，…0宗，其中…」: which total the parts belong to is decided by them.
      const at = atSentenceStart ? total.end - base + intros[i]![0].indexOf('其中') : total.start - base;
      const resolved = atSentenceStart || isChange(total) ? resolve(isChange(total) ? undefined : total, at, list) : siblingResolve(total, siblings, list);
      if (!resolved) continue;
      list = resolved;
    }
    lists.set(i, list);
  }
  /** The one of a figure and its siblings that the parts add up to (the figure itself when they do not). */
  function siblingResolve(total: Figure, siblings: readonly Figure[], list: Linked): Linked | undefined {
    const sum = sumOf(list.parts);
    if (list.parts.some((p) => p.figure.vague) || Math.abs(total.value - sum) < 1e-9) return list;
    const match = siblings.find((f) => Math.abs(f.value - sum) < 1e-9);
    return match ? { ...list, total: match } : undefined;
  }

  // 其中 with no figure right before it: 「…74条，涉及…等，其中…」, 「…已100%实现全文电子化。其中…」.
  for (const m of text.matchAll(ORPHAN)) {
    const at = m.index;
    if (covered.some(([s, e]) => s <= at && at < e) || [...lists.values()].some((l) => offsetOf(l.total) < at && at < l.end)) continue;
    const listStart = at + m[0].length;
    const first = figures.findIndex((f) => offsetOf(f) >= listStart);
    if (first < 0) continue;
    const list = readList(listStart, first, undefined, false, undefined, 0);
    if (list.parts.length === 0) continue;
    const resolved = resolve(undefined, at, list);
    if (resolved) lists.set(figures.indexOf(resolved.total), resolved);
  }

  return [...lists.entries()]
    .filter(([, list]) => list.parts.length > 0)
    .sort(([a], [b]) => a - b)
    .map(([, { total, parts, complete, sameSentence, ambiguous }]) => ({
      total,
      parts,
      complete,
      sameSentence,
      // 「73条，其中网站73条；微信73条」: each part repeats the total; channels that overlap, no breakdown.
      ambiguous: ambiguous || (parts.length > 1 && parts.some((p) => p.figure.value === total.value) && sumOf(parts) > total.value),
    }));
}
