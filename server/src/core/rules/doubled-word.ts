/**
 * doubled-word — a word typed twice (审核审核, 大厅大厅, 的的). Chinese doubles many single
 * characters on purpose (件件, 事事, 层层, 紧紧), so a single character counts only when it is a
 * particle that is never doubled; two to four characters repeated back to back always count.
 */
import { paragraphsOf } from '../prose/paragraphs.js';
import { say, type Rule, type RuleFinding } from './types.js';

const REPEATED_WORD = /([\u4e00-\u9fa5]{2,4})\1/g;
const REPEATED_PARTICLE = /的的(?!确)/g;
/** Repetitions that are words: 一个一个, 一次一次 (numeral + measure word). */
const LEGITIMATE = /^[一二两三四五六七八九十]/;

/** The doubled-word rule. */
export const doubledWord: Rule = {
  id: 'doubled-word',
  defaultSeverity: 'info',
  fix: 'safe',
  category: 'text',
  description: say('词语重复（如“审核审核”“的的”）', 'A word typed twice'),
  check(report) {
    const findings: RuleFinding[] = [];
    for (const paragraph of paragraphsOf(report)) {
      const hits: { index: number; word: string }[] = [];
      for (const pattern of [REPEATED_WORD, REPEATED_PARTICLE]) {
        pattern.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = pattern.exec(paragraph.text))) {
          const word = m[1] ?? '的';
          if (LEGITIMATE.test(word)) continue;
          hits.push({ index: m.index, word });
        }
      }
      for (const { index, word } of hits) {
        const start = paragraph.range.start + index;
        const repeat = { start: start + word.length, end: start + 2 * word.length };
        findings.push({
          range: { start, end: repeat.end },
          message: say(`“${word}”重复了一次：“${word}${word}”`, `“${word}” is typed twice`),
          fixes: [{ title: say(`删除重复的“${word}”`, `Remove the repeated “${word}”`), safety: 'safe', edits: [{ range: repeat, newText: '' }] }],
        });
      }
    }
    return findings;
  },
};
