/**
 * text-contradiction — the text says something the tables deny: 「所有申请均已办理完成」 while
 * 结转下年度 > 0, 「未收到申请」 while 新收 > 0, no review or lawsuit while 表四 counts some
 * (rules.md). Only when every cell involved is a number; where the table gives none, the text's
 * own figure (「结转下年度继续办理15件」) contradicts the claim as well (issue 13). A clause about
 * something else (「上年结转的申请已全部办结」, 「除…外，其余申请均已办结」) claims nothing.
 */
import type { Report } from '../model/report.js';
import type { Figure } from '../prose/figures.js';
import { paragraphsOf, type Paragraph } from '../prose/paragraphs.js';
import { CLAIMS, type Claim } from '../prose/phrases.js';
import { tableSum } from './prose-table.js';
import { formatNumber } from '../formats/wording.js';
import { type Rule } from './types.js';
import { say, type RelatedLocation, type RuleFinding } from '../findings.js';

const CLAUSE_END = /[，,。；;！？!?]/;
const SENTENCE_END = /[。；;！？!?]/;

/** The clause around [start, end) of the paragraph text, and the sentence before it. */
function contextOf(text: string, start: number, end: number): { clause: string; before: string } {
  let from = start;
  while (from > 0 && !CLAUSE_END.test(text[from - 1]!)) from--;
  let to = end;
  while (to < text.length && !CLAUSE_END.test(text[to]!)) to++;
  let sentence = from;
  while (sentence > 0 && !SENTENCE_END.test(text[sentence - 1]!)) sentence--;
  return { clause: text.slice(from, to), before: text.slice(sentence, from) };
}

/** The first figure the text states for a claim's cells, above zero, with the words that state it. */
function statedInText(report: Report, claim: Claim): { figure: Figure; words: string } | undefined {
  if (!claim.statedBefore && !claim.statedAfter) return undefined;
  for (const paragraph of paragraphsOf(report)) {
    const base = paragraph.range.start;
    for (const figure of paragraph.figures) {
      if (figure.unit !== '件' || figure.vague || figure.value <= 0) continue;
      const before = claim.statedBefore?.exec(paragraph.text.slice(Math.max(0, figure.start - base - 24), figure.start - base));
      if (before) return { figure, words: before[0] + figure.text };
      const after = claim.statedAfter?.exec(paragraph.text.slice(figure.end - base, figure.end - base + 16));
      if (after) return { figure, words: figure.text + after[0] };
    }
  }
  return undefined;
}

/**
 * The count a claim at `at` follows, in its part of the sentence (since ；or 。), is of a part
 * (「线下申请3件，已全部依法办结」) and that part of the sentence gives no total with its breakdown.
 */
function saidOfPart(paragraph: Paragraph, at: number, part: RegExp): boolean {
  const { text, figures } = paragraph;
  const base = paragraph.range.start;
  const chunkStart = Math.max(...['。', '；', ';'].map((c) => text.lastIndexOf(c, at - 1))) + 1;
  const chunk = text.slice(chunkStart, at);
  if (/其中|包括|分别|共|合计|总计|全年/.test(chunk)) return false;
  const last = figures.filter((f) => f.start - base >= chunkStart && f.end - base <= at && f.unit !== '%').at(-1);
  if (!last) return false;
  const clauseStart = Math.max(chunkStart, ...['，', ',', '、'].map((c) => text.lastIndexOf(c, last.start - base - 1) + 1));
  return part.test(text.slice(clauseStart, last.start - base));
}

function claimsIn(paragraph: Paragraph, claim: Claim): { start: number; text: string }[] {
  const out: { start: number; text: string }[] = [];
  for (const m of paragraph.text.matchAll(claim.pattern)) {
    if (/未经复议/.test(m[0])) continue;
    const { clause, before } = contextOf(paragraph.text, m.index, m.index + m[0].length);
    if (claim.unless?.test(clause) || claim.unlessBefore?.test(before)) continue;
    if (claim.about && !claim.about.test(before + clause)) continue;
    if (claim.ofPart && saidOfPart(paragraph, m.index, claim.ofPart)) continue;
    out.push({ start: paragraph.range.start + m.index, text: m[0] });
  }
  return out;
}

/** The text-contradiction rule. */
export const textContradiction: Rule = {
  id: 'text-contradiction',
  defaultSeverity: 'warning',
  fix: 'none',
  category: 'text',
  description: say('正文的表述与统计表矛盾', 'The text contradicts the tables'),
  check(report) {
    const findings: RuleFinding[] = [];
    for (const claim of CLAIMS) {
      const found = paragraphsOf(report).flatMap((p) => claimsIn(p, claim));
      if (found.length === 0) continue;
      const sum = tableSum(report, claim.cells);
      let denial: { zh: string; en: string; related: readonly RelatedLocation[] } | undefined;
      if (sum && sum.value > 0) {
        denial = { zh: `统计表中${claim.name.zh}为 ${formatNumber(sum.value)}`, en: `the table gives ${formatNumber(sum.value)} ${claim.name.en}`, related: sum.related };
      } else if (!sum) {
        const stated = statedInText(report, claim);
        if (stated) {
          const line = report.lines.positionAt(stated.figure.start).line + 1;
          denial = {
            zh: `正文第 ${line} 行称“${stated.words}”`,
            en: `line ${line} says “${stated.words}”`,
            related: [{ range: { start: stated.figure.start, end: stated.figure.end }, message: say(stated.figure.text, stated.figure.text) }],
          };
        }
      }
      if (!denial) continue;
      for (const { start, text } of found) {
        findings.push({
          range: { start, end: start + text.length },
          message: say(`正文称“${text}”，但${denial.zh}`, `The text says “${text}”, but ${denial.en}`),
          related: denial.related,
        });
      }
    }
    return findings.sort((a, b) => a.range.start - b.range.start);
  },
};
