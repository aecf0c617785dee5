/**
 * doubled-word — a word typed twice (审核审核, 大厅大厅, 的的). Chinese doubles many single
 * characters on purpose (件件, 事事, 层层, 紧紧), so a single character counts only when it is a
 * particle that is never doubled; two to four characters repeated back to back always count.
 * A word typed three or more times is one finding whose fix keeps one copy, so fix-all reaches
 * its fixpoint in one round; a run of one character (啊啊啊啊) is no word typed twice.
 * A word that ends a subject and then is its verb before a modal (国家有关规定规定应当主动公开,
 * the wording of 条例 第二十条, issue 24) is two words, not one typed twice.
 */
import { paragraphsOf } from '../prose/paragraphs.js';
import { type Rule } from './types.js';
import { say, type RuleFinding } from '../findings.js';

const REPEATED_WORD = /([\u4e00-\u9fa5]{2,4})\1/g;
const REPEATED_PARTICLE = /(?<!的)的的(?![的确])/g;
/** Repetitions that are words: 一个一个, 一次一次 (numeral + measure word). */
const LEGITIMATE = /^[一二两三四五六七八九十]/;
/** 有关规定规定应当…: after a modal the second copy is the verb of a subject ending in the first. */
const MODAL_AFTER = /^(?:应当|应该|必须|不得|须|应)/;

/** The shortest unit a word repeats (审核审核 → 审核; 啊啊 → 啊). */
function unitOf(word: string): string {
  for (let n = 1; n < word.length; n++) {
    if (word.length % n === 0 && word.slice(0, n).repeat(word.length / n) === word) return word.slice(0, n);
  }
  return word;
}

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
      const hits: { index: number; word: string; copies: number }[] = [];
      for (const pattern of [REPEATED_WORD, REPEATED_PARTICLE]) {
        pattern.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = pattern.exec(paragraph.text))) {
          const word = unitOf(m[1] ?? '的');
          if (LEGITIMATE.test(word) || (m[1] !== undefined && [...word].length < 2)) continue;
          let copies = 2;
          while (paragraph.text.startsWith(word, m.index + copies * word.length)) copies++;
          if (copies === 2 && m[1] !== undefined && MODAL_AFTER.test(paragraph.text.slice(m.index + 2 * word.length))) continue;
          hits.push({ index: m.index, word, copies });
          pattern.lastIndex = m.index + copies * word.length;
        }
      }
      for (const { index, word, copies } of hits) {
        const start = paragraph.range.start + index;
        const repeat = { start: start + word.length, end: start + copies * word.length };
        findings.push({
          range: { start, end: repeat.end },
          message:
            copies === 2
              ? say(`“${word}”重复了一次：“${word}${word}”`, `“${word}” is typed twice`)
              : say(`“${word}”连续写了 ${copies} 次`, `“${word}” is typed ${copies} times in a row`),
          fixes: [{ title: say(`删除重复的“${word}”`, `Remove the repeated “${word}”`), safety: 'safe', edits: [{ range: repeat, newText: '' }] }],
        });
      }
    }
    return findings;
  },
};
