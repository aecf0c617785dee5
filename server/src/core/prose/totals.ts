/**
 * Totals and their parts in prose, linked only where the text says so (issue 5): 「共…N条，其中…」,
 * 「N条，其中…」, 「…N条。…主要有：…」, 「N件，分别为…」, with the share 「占X%」 of each part.
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
}

const INTRO = /^[\s\u00a0\u3000]*[，,。：:]?[\s\u00a0\u3000]*(?:[^，,。；;：:\d]{0,24}?(?:主要有|主要包括|包括|分别为|分别是)[：:]?|其中[，,：:]?)/;
const OTHER = /其他|其余|其它/;

function isCount(figure: Figure): boolean {
  return figure.unit !== '%' && figure.unit !== '元' && figure.unit !== '万元';
}

const SHARE_CLAUSE = /[，,][\s\u00a0\u3000]*占[^，,；;。]*/g;

/** The totals with parts in one paragraph. */
export function totalsIn(paragraph: Paragraph): TotalWithParts[] {
  const out: TotalWithParts[] = [];
  const { figures, text } = paragraph;
  const base = paragraph.range.start;
  const intros = figures.map((figure) => (isCount(figure) ? INTRO.exec(text.slice(figure.end - base)) : null));
  figures.forEach((total, i) => {
    const intro = intros[i];
    if (!intro) return;
    const listStart = total.end - base + intro[0].length;
    const parts: Part[] = [];
    let separator: string | undefined;
    let complete = /分别/.test(intro[0]);
    for (let j = i + 1; j < figures.length; j++) {
      const figure = figures[j]!;
      const offset = figure.start - base;
      if (offset < listStart) continue;
      // A figure that opens a list of its own (「；共收到…N件，其中…」) is the next total, not a part of this one.
      if (intros[j]) break;
      const last = parts.at(-1);
      const gap = text.slice(last ? last.figure.end - base : listStart, offset).replace(SHARE_CLAUSE, '');
      if (figure.unit === '%') {
        if (last && !last.share && /占/.test(text.slice(last.figure.end - base, offset))) parts[parts.length - 1] = { ...last, share: figure };
        continue;
      }
      // The list ends where its own separator level ends: 「3条，1条，3条；另一项6条」 lists three.
      const sep = /。/.test(gap) ? '。' : /[；;]/.test(gap) ? '；' : '，';
      if (sep === '。') break;
      if (last) {
        separator ??= sep;
        if (separator === '，' && sep !== '，') break;
      }
      if (figure.unit !== total.unit) break;
      if (OTHER.test(text.slice(Math.max(0, offset - 12), offset))) complete = true;
      parts.push({ figure });
    }
    if (parts.length > 0) out.push({ total, parts, complete, sameSentence: !/。/.test(intro[0]) });
  });
  return out;
}
