/**
 * One problem, one line (issue 23): `groupFindings` on the examples and fixtures — a table left
 * blank is one line, relations whose wrong cells cannot be told are one line, findings on one cell
 * are one line — and every finding is in exactly one group; the CLI's stylish report prints the
 * lines, its JSON keeps every finding.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildReport, checkReport, groupFindings, nextYearDraft } from '../../server/src/core/index.js';
import { FIXTURES, ROOT } from './helpers.js';

function example(name: string): string {
  return readFileSync(join(ROOT, 'examples', name), 'utf8');
}

function grouped(text: string) {
  const report = buildReport(text);
  const { findings } = checkReport(report);
  return { findings, groups: groupFindings(report, findings) };
}

/** Next year's draft of an example: every figure blank but 表三's 二、上年结转. */
const NEXT = nextYearDraft(buildReport(example('2023-青山县交通运输局.md')));
if (!('text' in NEXT)) throw new Error('no next year draft');
const BLANK = NEXT.text;

describe('groupFindings', () => {
  it('a 表三 left blank (only 二、上年结转 filled) is one line, its empty cells marked blank', () => {
    const { findings, groups } = grouped(BLANK);
    const perRow = findings.filter((f) => f.rule === 'cell-value' && /^表三“/.test(f.message.zh));
    assert.ok(perRow.length >= 20, `the check still has one finding per row (${perRow.length})`);
    const blank = groups.filter((g) => g.kind === 'blank-table');
    assert.equal(blank.length, 1);
    assert.match(blank[0]!.message!.zh, /^表三未填写：除“二、上年结转政府信息公开申请数量”一行外，\d+ 个单元格为空/);
    assert.equal(blank[0]!.members.length, perRow.length);
    assert.ok(blank[0]!.cells.length > 100 && blank[0]!.cells.every((c) => c.table === 'table3' && c.kind === 'blank'));
    // 表二 and 表四 were already one finding each.
    assert.equal(groups.filter((g) => g.members.some((i) => findings[i]!.rule === 'cell-value')).length, 3);
  });

  it('relations the solver cannot pin on a cell are one line naming each relation', () => {
    const { findings, groups } = grouped(example('2021-白水镇人民政府.md'));
    const undetermined = groups.filter((g) => g.kind === 'undetermined');
    assert.equal(undetermined.length, 1);
    const [group] = undetermined;
    assert.deepEqual(group!.members.map((i) => findings[i]!.rule).sort(), ['balance', 'results-total', 'row-total']);
    assert.match(group!.message!.zh, /^表三有 3 处勾稽关系不成立：“（七）总计”一行的合计不成立：.*；“自然人”列的办理结果合计不成立：.*；“商业企业”列的勾稽关系.*不成立：.*。本表有多格有误，仅凭勾稽关系无法确定是哪几格，请逐格核对$/);
    assert.doesNotMatch(group!.message!.zh, /。本表有多格有误.*。本表有多格有误/);
    assert.equal(group!.cells.length, 3);
  });

  it('a cell the solver names and a cell-value finding on it are one line, the relations first', () => {
    const text = example('2023-青山县交通运输局.md').replace('| （一）予以公开 |  | 12 | 4 |', '| （一）予以公开 |  | 12.5 | 4 |');
    const { findings, groups } = grouped(text);
    assert.deepEqual(findings.map((f) => f.rule).sort(), ['cell-value', 'row-total']);
    assert.equal(groups.length, 1);
    assert.equal(groups[0]!.kind, 'same-cell');
    assert.equal(findings[groups[0]!.members[0]!]!.rule, 'row-total');
    assert.match(groups[0]!.message!.zh, /本格若为 12.*（同一格另有：表三“（一）予以公开”一行：“自然人”为小数 12\.5/);
    assert.deepEqual(groups[0]!.cells.map((c) => c.table), ['table3']);
  });

  it('every finding of every example and seed is in exactly one group', () => {
    const files = [
      ...readdirSync(join(ROOT, 'examples')).filter((n) => n.endsWith('.md') && n !== 'README.md').map((n) => join(ROOT, 'examples', n)),
      ...readdirSync(join(FIXTURES, 'seeds')).filter((n) => n.endsWith('.md') && n !== 'EXPECTED.md').map((n) => join(FIXTURES, 'seeds', n)),
    ];
    for (const file of files) {
      const { findings, groups } = grouped(readFileSync(file, 'utf8'));
      const members = groups.flatMap((g) => g.members).sort((a, b) => a - b);
      assert.deepEqual(members, findings.map((_, i) => i), file);
      for (const g of groups) assert.ok(g.kind === 'single' ? g.message === undefined && g.members.length === 1 : g.members.length > 1 && g.message !== undefined, file);
    }
  });
});

describe('nianbao check: one problem, one line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-group-'));
  writeFileSync(join(dir, 'blank.md'), BLANK);
  const run = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin', 'nianbao.js'), 'check', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  it('the stylish report prints 表三未填写 once and counts lines; the JSON keeps every finding', () => {
    const stylish = run(['blank.md']);
    assert.equal(stylish.status, 0, stylish.stderr);
    assert.equal(stylish.stdout.match(/表三未填写/g)?.length, 1);
    assert.doesNotMatch(stylish.stdout, /表三“（一）予以公开”一行/);
    assert.match(stylish.stdout, /共 4 个问题：0 个错误，4 个警告/);
    const json = JSON.parse(run(['--format', 'json', 'blank.md']).stdout) as { rule: string; message: string }[];
    assert.ok(json.filter((f) => /^表三“/.test(f.message)).length >= 20);
  });
});
