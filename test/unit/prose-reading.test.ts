/**
 * Issue 24: how the text rules read real prose — figures as written (a magnitude, a missing unit,
 * a duration, a quoted name), what a finding says it read, and which total a 其中 list belongs to.
 * The rule fixtures hold the cases line by line; these tests hold the wording and the values.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkText, type Finding } from '../../server/src/core/index.js';
import { extractFigures } from '../../server/src/core/prose/figures.js';
import { FIXTURES } from './helpers.js';

const BASE = readFileSync(join(FIXTURES, 'rules', '_base', 'base-2021.md'), 'utf8');

/** The base with a sentence appended to its paragraph on 主动公开 (line 11). */
function withSentence(sentence: string): string {
  const lines = BASE.split('\n');
  lines[10] += sentence;
  return lines.join('\n');
}

function findings(text: string, rule: string): Finding[] {
  return checkText(text).findings.filter((f) => f.rule === rule);
}

describe('figures as real prose writes them', () => {
  it('reads a magnitude after the digits as part of the figure', () => {
    const [f] = extractFigures('主动公开信息4万余条');
    assert.equal(f!.text, '4万余条');
    assert.equal(f!.value, 40000);
    assert.equal(f!.vague, true);
    assert.equal(f!.atLeast, true);
    assert.equal(extractFigures('发布信息1.42万条')[0]!.value, 14200);
    assert.equal(extractFigures('采购金额18万元')[0]!.unit, '万元');
  });

  it('reads a vague figure written without a unit, and no duration or quoted name as a count', () => {
    assert.deepEqual(
      extractFigures('公开各类信息260余，办理留言均在5个工作日内办结，落实“三个第一时间”，开展两个“凡是”').map((f) => [f.text, f.unit]),
      [
        ['260余', ''],
        ['两个', '个'],
      ],
    );
  });

  it('reads a unit of occurrences whole (篇次, 件次, 条次), not as its plain unit', () => {
    assert.deepEqual(
      extractFigures('播报新闻35余篇次，转办诉求12件次，公开信息131条次，发布40篇').map((f) => [f.text, f.unit]),
      [
        ['35余篇次', '篇次'],
        ['12件次', '件次'],
        ['131条次', '条次'],
        ['40篇', '篇'],
      ],
    );
  });

  it('tells a lower bound (余, 超过) from an approximation (约, 近)', () => {
    assert.deepEqual(
      extractFigures('186余条、超过300条、约300条、近200件').map((f) => f.atLeast),
      [true, true, false, false],
    );
  });
});

describe('what a finding says it read', () => {
  it('vague-figure quotes the figure whole', () => {
    const [f] = findings(withSentence('全年主动公开信息4万余条，受理诉求20万余件。'), 'vague-figure');
    assert.match(f!.message.zh, /“4万余条”/);
    assert.doesNotMatch(f!.message.zh, /“万余条”/);
    const [g] = findings(withSentence('在市级媒体播报新闻35余篇次。'), 'vague-figure');
    assert.match(g!.message.zh, /“35余篇次”/);
  });

  it('prose-sum names the total and every part it summed', () => {
    const [f] = findings(
      withSentence('全年共公布政府信息180条，（其中：机构职能5条，政策文件12条，规划计划4条，财政资金9条，人事信息7条，工作动态80条，公示公告21条，重点领域18条，建议提案6条，政策解读8条，其他信息12条）。'),
      'prose-sum',
    );
    assert.equal(f!.message.zh, '合计与分项不符：文中写“180条”，所列各项之和为 182（5 + 12 + 4 + 9 + 7 + 80 + 21 + 18 + 6 + 8 + 12）');
    assert.equal(f!.related?.length, 11);
  });

  it('prose-percent names the part and the total it divided by, also when 其中 looks back a sentence', () => {
    const text = BASE.split('\n');
    text[14] += '本年度共收到政府信息公开申请379件。经审查办理，其中予以公开8件，占2.3%；部分公开24件，占6.3%。';
    const [f] = findings(text.join('\n'), 'prose-percent');
    assert.equal(f!.message.zh, '占比应为 2.1%（8 ÷ 379 = 2.111%），文中为 2.3%');
  });

  it('takes 其中 after a change for the count the parts add up to', () => {
    const text = BASE.split('\n');
    text[14] += '结转上年后新收到依申请公开事项379件，较上一年度增加42件。其中，通过信函申请300件，占79.2%；电子邮件70件，占18.4%；在线申请9件，占2.4%。';
    const [f] = findings(text.join('\n'), 'prose-percent');
    assert.equal(f!.message.zh, '占比应为 18.5%（70 ÷ 379 = 18.470%），文中为 18.4%');
  });

  it('takes a breakdown after the last of two figures for the one it adds up to, and says nothing when none', () => {
    const matched = withSentence('全年办理人大代表建议12件、政协委员提案0件，其中按期答复8件，占66.7%，协商后答复4件，占33.4%。');
    assert.deepEqual(findings(matched, 'prose-sum'), []);
    assert.equal(findings(matched, 'prose-percent')[0]!.message.zh, '占比应为 33.3%（4 ÷ 12 = 33.333%），文中为 33.4%');
    const unmatched = withSentence('全年办理人大代表建议12件、政协委员提案0件，其中按期答复8件，协商后答复3件。');
    assert.deepEqual(findings(unmatched, 'prose-sum'), []);
  });
});
