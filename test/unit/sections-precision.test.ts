/**
 * Issue 13, sections and years: sections are identified by their wording, so a section missing
 * before renumbered ones is reported as the missing one, the fee statement is found in the real
 * 六, and a heading line gets at most one finding of the section rules; a tolerated variant
 * wording is a hint (formats.md §2); a year is a 4-digit number with no digit around it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildReport, checkText, fixText, identityOfText, type Finding } from '../../server/src/core/index.js';
import { FIXTURES, markdownFiles } from './helpers.js';

const BASE_2021 = readFileSync(join(FIXTURES, 'rules', '_base', 'base-2021.md'), 'utf8');
const BASE_2019 = readFileSync(join(FIXTURES, 'rules', '_base', 'base-2019.md'), 'utf8');
const SECTION_RULES = new Set(['missing-section', 'section-order', 'section-heading']);

function lines(text: string): string[] {
  return text.split('\n');
}

/** The base without the 1-based lines from … to, inclusive. */
function cut(text: string, from: number, to: number): string {
  return lines(text)
    .filter((_, i) => i + 1 < from || i + 1 > to)
    .join('\n');
}

function keyed(text: string): string[] {
  const result = checkText(text);
  return result.findings.map((f) => `${result.report.lines.lineAt(f.range.start) + 1}:${f.rule}`).sort();
}

function findingsOf(text: string, rule: string): Finding[] {
  return checkText(text).findings.filter((f) => f.rule === rule);
}

/** 四 (lines 83–92) removed, 五 and 六 renumbered 四、 and 五、. */
const NO_FOUR = cut(BASE_2021, 83, 92).replace('## 五、存在', '## 四、存在').replace('## 六、其他', '## 五、其他');

describe('sections by wording (issue 13)', () => {
  it('reports the section that is really missing, once, on the renumbered heading', () => {
    assert.deepEqual(keyed(NO_FOUR), ['83:missing-section', '89:section-heading']);
    const missing = findingsOf(NO_FOUR, 'missing-section')[0]!;
    assert.match(missing.message.zh, /^缺少第四部分“四、政府信息公开行政复议、行政诉讼情况”/);
    assert.match(missing.message.zh, /按措辞是第五部分：编号应为“五、”，实为“四、”/);
    assert.match(findingsOf(NO_FOUR, 'section-heading')[0]!.message.zh, /编号应为“六、”，实为“五、”/);
  });

  it('recognises renumbered sections written as plain lines or bold lines in a ## draft', () => {
    const plain = NO_FOUR.replace('## 四、存在', '四、存在').replace('## 五、其他', '五、其他');
    assert.deepEqual(keyed(plain), ['83:missing-section', '89:section-heading']);
    const bold = NO_FOUR.replace('## 五、其他需要报告的事项', '**五、其他需要报告的事项**');
    assert.deepEqual(keyed(bold), ['83:missing-section', '89:section-heading']);
  });

  it('still takes a plain sub-item of 一 that repeats a later section name for no section', () => {
    const decoy = BASE_2021.replace('### （二）依申请公开情况', '### （二）依申请公开情况\n\n五、其他需要报告的事项');
    assert.deepEqual(keyed(decoy), []);
    assert.equal(buildReport(decoy).sections.sections.find((s) => s.def.index === 6)!.heading.line, 100);
  });

  it('takes an unnumbered plain line in a later section\'s wording inside 一 for no section (issue 24)', () => {
    const decoy = BASE_2021.replace('### （二）依申请公开情况', '### （二）依申请公开情况\n\n其他需要报告的事项');
    assert.deepEqual(keyed(decoy), []);
    assert.equal(buildReport(decoy).sections.sections.find((s) => s.def.index === 6)!.heading.line, 100);
  });

  it('finds the fee statement in the real 六 whatever its number', () => {
    const report = buildReport(NO_FOUR);
    const six = report.sections.sections.find((s) => s.def.index === 6)!;
    assert.equal(six.heading.text, '五、其他需要报告的事项');
    assert.deepEqual(findingsOf(NO_FOUR, 'fee-statement'), []);
    const noFee = NO_FOUR.replace('本年度未收取信息处理费。', '本年度无其他需要报告的事项，将继续做好政府信息公开工作。');
    assert.deepEqual(keyed(noFee), ['83:missing-section', '89:fee-statement', '89:section-heading']);
  });

  it('two 五、 headings with the words of 五 and 六 are no repeat', () => {
    const twice = BASE_2021.replace('## 六、其他', '## 五、其他');
    assert.deepEqual(keyed(twice), ['99:section-heading']);
  });

  it('a number of one section and the wording of another: the wording decides', () => {
    const swapped = BASE_2021.replace('## 四、政府', '## 五、政府').replace('## 五、存在', '## 四、存在');
    assert.deepEqual(keyed(swapped), ['83:section-heading', '93:section-heading']);
    assert.match(findingsOf(swapped, 'section-heading')[0]!.message.zh, /编号应为“四、”，实为“五、”/);
  });

  it('merges several sections missing at one place into one finding', () => {
    const noTwoThree = cut(BASE_2021, 29, 82).replace('## 四、', '## 二、').replace('## 五、', '## 三、').replace('## 六、', '## 四、');
    const found = checkText(noTwoThree).findings.filter((f) => SECTION_RULES.has(f.rule));
    const missing = found.filter((f) => f.rule === 'missing-section');
    assert.equal(missing.length, 1);
    assert.match(missing[0]!.message.zh, /缺少第二部分“二、主动公开政府信息情况”、第三部分“三、收到和处理政府信息公开申请情况”/);
  });

  it('fix-all inserts the missing heading and renumbers the others, leaving no section finding', () => {
    for (const draft of [NO_FOUR, NO_FOUR.replace('## 四、存在', '四、存在').replace('## 五、其他', '五、其他')]) {
      const fixed = fixText(draft).text;
      // missing-table then adds the empty 表四 under the inserted heading.
      const sections = buildReport(fixed).sections.sections;
      assert.deepEqual(sections.map((s) => s.heading.text), ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']);
      assert.deepEqual(
        checkText(fixed).findings.filter((f) => SECTION_RULES.has(f.rule)).map((f) => f.rule),
        [],
      );
    }
  });

  it('never gives one heading line two findings of the section rules, in any fixture or seed', () => {
    const folders = ['missing-section', 'section-heading', 'section-order', 'fee-statement', 'empty-section', 'missing-table', 'subsection-numbering'];
    const files = [...folders.flatMap((f) => markdownFiles(join(FIXTURES, 'rules', f))), ...markdownFiles(join(FIXTURES, 'seeds')), ...markdownFiles(join(FIXTURES, 'real'))];
    for (const file of files) {
      const text = readFileSync(file, 'utf8').replace(/ <!-- expect: [^>]*-->/g, '');
      const result = checkText(text);
      const headingLines = new Set([...result.report.sections.sections, ...result.report.sections.duplicates].map((s) => s.heading.line));
      const perLine = new Map<number, number>();
      for (const f of result.findings) {
        const line = result.report.lines.lineAt(f.range.start);
        if (SECTION_RULES.has(f.rule) && headingLines.has(line)) perLine.set(line, (perLine.get(line) ?? 0) + 1);
      }
      for (const [line, count] of perLine) assert.equal(count, 1, `${file}:${line + 1}`);
    }
  });
});

describe('section-heading severity (formats.md §2)', () => {
  const severityOf = (text: string): string[] => findingsOf(text, 'section-heading').map((f) => f.severity);

  it('a listed variant wording, correctly numbered, is a hint', () => {
    assert.deepEqual(severityOf(BASE_2021.replace('五、存在的主要问题及改进情况', '五、存在的主要问题及改进措施')), ['hint']);
    assert.deepEqual(severityOf(BASE_2021.replace('四、政府信息公开行政复议、行政诉讼情况', '四、政府信息公开行政复议及行政诉讼情况')), ['hint']);
    assert.deepEqual(severityOf(BASE_2019.replace('二、主动公开政府信息情况', '二、行政机关主动公开政府信息情况')), ['hint']);
  });

  it('wrong or missing numbering, or a wording that is only close, stays a warning', () => {
    assert.deepEqual(severityOf(BASE_2021.replace('## 五、存在的主要问题及改进情况', '## 5、存在的主要问题及改进措施')), ['warning']);
    assert.deepEqual(severityOf(BASE_2021.replace('## 四、政府信息公开行政复议、行政诉讼情况', '## 政府信息公开行政复议和行政诉讼情况')), ['warning']);
    assert.deepEqual(severityOf(BASE_2021.replace('五、存在的主要问题及改进情况', '五、存在的主要问题及整改情况')), ['warning']);
  });

  it('a rule setting still overrides the per-finding hint', () => {
    const text = BASE_2021.replace('五、存在的主要问题及改进情况', '五、存在的主要问题及改进措施');
    assert.deepEqual(
      checkText(text, { rules: { 'section-heading': 'error' } }).findings.map((f) => f.severity),
      ['error'],
    );
  });
});

describe('years are 4-digit numbers (issue 13)', () => {
  const period = (sentence: string): string => BASE_2021.replace('自2022年1月1日起至2022年12月31日止', sentence);

  it('quotes a broken date of the period with what it should be', () => {
    const cases: [string, string][] = [
      ['自2022年1月1日起至202222年12月31日止', '统计期限中的日期“202222年12月31日”有误，应为“2022年12月31日”'],
      ['自20222年1月1日起至2022年12月31日止', '统计期限中的日期“20222年1月1日”有误，应为“2022年1月1日”'],
      ['自20221月1日至202212月31日', '统计期限中的日期“20221月1日”“202212月31日”有误，应为“2022年1月1日”“2022年12月31日”'],
    ];
    for (const [sentence, message] of cases) {
      const found = findingsOf(period(sentence), 'report-year');
      assert.deepEqual(found.map((f) => f.message.zh), [message], sentence);
    }
  });

  it('takes the expected year from the other date when the title has none', () => {
    const text = period('自2022年1月1日起至202222年12月31日止').replace('2022年政府信息公开', '政府信息公开');
    assert.deepEqual(findingsOf(text, 'report-year').map((f) => f.message.zh), ['统计期限中的日期“202222年12月31日”有误，应为“2022年12月31日”']);
    assert.equal(buildReport(text).year.year, 2022);
  });

  it('reads no year out of a longer digit run, in the title or in identity', () => {
    const title = BASE_2021.replace('2022年政府信息公开', '202022年政府信息公开');
    const report = buildReport(title);
    assert.equal(report.year.titleYear, undefined);
    assert.equal(report.year.year, 2022, 'from the period');
    assert.deepEqual(findingsOf(title, 'report-year').map((f) => f.message.zh), ['标题中的年份“202022年”有误，应为“2022年”']);
    assert.equal(identityOfText('# 青松县市场监督管理局202022年政府信息公开工作年度报告\n'), undefined);
    assert.deepEqual(identityOfText('# 青松县市场监督管理局2022年政府信息公开工作年度报告\n'), { body: '青松县市场监督管理局', year: 2022 });
  });

  it('accepts a period with spaces, full-width digits or no year on its end date', () => {
    for (const sentence of ['自 2022 年 1 月 1 日起至 2022 年 12 月 31 日止', '自２０２２年１月１日起至２０２２年１２月３１日止', '自2022年1月1日起至12月31日止']) {
      const report = buildReport(period(sentence));
      assert.deepEqual([report.year.period?.start, report.year.period?.end], [{ year: 2022, month: 1, day: 1 }, { year: 2022, month: 12, day: 31 }], sentence);
      assert.deepEqual(findingsOf(period(sentence), 'report-year'), [], sentence);
    }
  });
});
