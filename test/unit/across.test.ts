/**
 * Checks across reports (carryover, valid-count-chain): linking a report to the previous year's
 * report of the same body, on synthetic series of two and three years built from real reports.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { bodyOfTitle, buildReport, checkReport, findPrevious, identityOf, sameBody } from '../../server/src/core/index.js';
import { FIXTURES, ROOT } from './helpers.js';

const real = (name: string): string => readFileSync(join(FIXTURES, 'real', `${name}.md`), 'utf8');
const example = (name: string): string => readFileSync(join(ROOT, 'examples', `${name}.md`), 'utf8');
const across = (text: string, others: { file: string; text: string }[]) => {
  const report = buildReport(text);
  const reports = others.map((o) => ({ file: o.file, report: buildReport(o.text) }));
  return checkReport(report, { previous: findPrevious(report, reports) }).findings.filter((f) => f.rule === 'carryover' || f.rule === 'valid-count-chain');
};

/** 青山县交通运输局 2023, moved one year: a synthetic report of the same body. */
function shiftYear(text: string, from: number, to: number): string {
  return text.replaceAll(`${from}年`, `${to}年`);
}

describe('report identity', () => {
  it('reads the issuing body from the title', () => {
    assert.equal(bodyOfTitle('高青县芦湖街道2020年政府信息公开工作年度报告'), '高青县芦湖街道');
    assert.equal(bodyOfTitle('2020年栖霞市寺口镇政府信息公开年报'), '栖霞市寺口镇');
    assert.equal(bodyOfTitle('东柳街道政府信息公开工作2020年度报告'), '东柳街道');
    assert.deepEqual(identityOf(buildReport(real('2024_huaian-hongzequ'))), { body: '淮安市洪泽区人民政府', year: 2024 });
  });

  it('takes a name with its higher levels for the same body, and nothing else', () => {
    assert.ok(sameBody('淮安市洪泽区人民政府', '洪泽区人民政府'));
    assert.ok(!sameBody('青山县交通运输局', '白石县交通运输局'));
    assert.ok(!sameBody('青山县交通运输局', '交通运输局'));
    assert.ok(!sameBody('淮安市人民政府', '淮安市洪泽区人民政府'));
  });
});

describe('carryover and valid-count-chain', () => {
  it('find nothing in the real 2023 → 2024 洪泽区 series, which agrees (expect.json “previous”)', () => {
    const current = buildReport(real('2024_huaian-hongzequ'));
    const previous = findPrevious(current, [{ file: '2023_huaian-hongzequ.md', report: buildReport(real('2023_huaian-hongzequ')) }]);
    assert.equal(previous?.file, '2023_huaian-hongzequ.md');
    assert.deepEqual(across(real('2024_huaian-hongzequ'), [{ file: '2023_huaian-hongzequ.md', text: real('2023_huaian-hongzequ') }]), []);
  });

  it('report a carry-over that differs, per column, naming the other file and line', () => {
    const previous = real('2023_huaian-hongzequ').replace('| 四、结转下年度继续办理 |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |', '| 四、结转下年度继续办理 |  |  | 3 | 0 | 0 | 0 | 0 | 0 | 3 |');
    const findings = across(real('2024_huaian-hongzequ'), [{ file: '2023.md', text: previous }]);
    assert.deepEqual(findings.map((f) => f.rule), ['carryover', 'carryover']);
    assert.match(findings[0]!.message.zh, /表三“二、上年结转政府信息公开申请数量”（自然人）为 0，但上一年度报告（2023\.md 第 67 行）“四、结转下年度继续办理”为 3/);
    assert.equal(findings[0]!.related[0]!.file, '2023.md');
    assert.equal(findings[0]!.severity, 'warning');
  });

  it('report a 现行有效件数 that does not follow from last year (info)', () => {
    const current = real('2024_huaian-hongzequ').replace(/\| 行政规范性文件 \| (\d+) \| (\d+) \| (\d+) \|/, (_m, a, b) => `| 行政规范性文件 | ${a} | ${b} | 99 |`);
    const findings = across(current, [{ file: '2023.md', text: real('2023_huaian-hongzequ') }]);
    assert.deepEqual(findings.map((f) => [f.rule, f.severity]), [['valid-count-chain', 'info']]);
    assert.match(findings[0]!.message.zh, /现行有效件数为 99，按上一年度报告（2023\.md 第 27 行）的 5 \+ 本年制发 3 − 本年废止 0 应为 8/);
  });

  it('compare 现行有效件数 table to table only: a cumulative count in the text is another kind of figure (issue 13)', () => {
    // The tables chain (5 + 3 − 0 = 8); the texts state counts of all documents ever issued.
    const previous = real('2023_huaian-hongzequ').replace(/\n## 二、/, '\n截至2023年底，本区累计制发行政规范性文件120件，现行有效件数为5件。\n\n## 二、');
    const current = real('2024_huaian-hongzequ').replace(/\n## 二、/, '\n截至2024年底，本区累计制发行政规范性文件123件，现行有效行政规范性文件40件。\n\n## 二、');
    assert.notEqual(previous, real('2023_huaian-hongzequ'));
    assert.notEqual(current, real('2024_huaian-hongzequ'));
    const report = buildReport(current);
    const findings = checkReport(report, { previous: findPrevious(report, [{ file: '2023.md', report: buildReport(previous) }]) }).findings;
    assert.deepEqual(
      findings.filter((f) => /现行有效|120件|123件|40件/.test(f.message.zh)).map((f) => f.rule),
      [],
    );
  });

  it('chain nothing to a 2019-format previous report, whose 对外公开总数量 is no 现行有效件数 (formats.md §6.4)', () => {
    const previous = real('2023_huaian-hongzequ').replace('| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |', '| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |');
    const current = real('2024_huaian-hongzequ').replace(/\| 行政规范性文件 \| (\d+) \| (\d+) \| (\d+) \|/, (_m, a, b) => `| 行政规范性文件 | ${a} | ${b} | 99 |`);
    assert.deepEqual(across(current, [{ file: '2023.md', text: previous }]).filter((f) => f.rule === 'valid-count-chain'), []);
  });

  it('links each year of a three-year series to the year before it only', () => {
    const y2023 = example('2023-青山县交通运输局');
    const y2024 = shiftYear(y2023, 2023, 2024).replace(/(\| 二、上年结转政府信息公开申请数量 \| {2}\| {2}\| )\d+/, '$1' + '9');
    const y2025 = shiftYear(y2023, 2023, 2025);
    const series = [
      { file: '2023.md', text: y2023 },
      { file: '2024.md', text: y2024 },
      { file: '2025.md', text: y2025 },
    ];
    const in2024 = across(y2024, series);
    assert.ok(in2024.length > 0 && in2024.every((f) => f.message.zh.includes('2023.md')));
    const in2025 = across(y2025, series);
    assert.ok(in2025.every((f) => f.message.zh.includes('2024.md')));
    assert.deepEqual(across(y2023, series), [], 'the first year has no previous report');
  });

  it('finds nothing when the previous year is missing, and never links two bodies in one folder', () => {
    const y2023 = example('2023-青山县交通运输局');
    const y2025 = shiftYear(y2023, 2023, 2025).replace(/(\| 二、上年结转政府信息公开申请数量 \| {2}\| {2}\| )\d+/, '$1' + '9');
    assert.deepEqual(across(y2025, [{ file: '2023.md', text: y2023 }]), [], '2024 is missing');
    const other = shiftYear(y2023, 2023, 2024).replaceAll('青山县', '白石县').replace(/(\| 二、上年结转政府信息公开申请数量 \| {2}\| {2}\| )\d+/, '$1' + '9');
    assert.deepEqual(across(other, [{ file: '2023.md', text: y2023 }]), [], 'another body');
  });
});

describe('the name a new draft is offered under (issue 20)', () => {
  it('is <年度>-<机关>.md, safe on every file system, with what is known', async () => {
    const { draftFileName, draftFileNameOf, buildReport } = await import('../../server/src/core/index.js');
    assert.equal(draftFileName(2024, '芦湖县某某局'), '2024-芦湖县某某局.md');
    assert.equal(draftFileName(2024, '淮安市/洪泽区 人民政府:办公室'), '2024-淮安市洪泽区人民政府办公室.md');
    assert.equal(draftFileName(2024, undefined), '2024-年度报告.md');
    assert.equal(draftFileName(undefined, '芦湖街道'), '芦湖街道-年度报告.md');
    assert.equal(draftFileNameOf(buildReport('# 高青县芦湖街道2021年政府信息公开工作年度报告\n\n正文\n')), '2021-高青县芦湖街道.md');
  });
});
