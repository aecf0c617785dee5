/**
 * The parse: the fast route (CommonMark, tables found by GFM's line rules) must give exactly the
 * top-level blocks of a full remark-gfm parse, on every fixture, example and rule page, on the
 * mutated seeds, and on generated table-dense Markdown; and it must answer for every real draft,
 * or the speed it exists for is lost without notice.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseTopLevel, parseTopLevelFast, parseTopLevelWithRemarkGfm } from '../../server/src/core/model/markdown.js';
import { LineIndex } from '../../server/src/core/text/lines.js';
import { checkParseAgreement, tableishMarkdownArb } from '../fuzz/parse-agreement.js';
import { documentArb } from '../fuzz/properties.js';
import { FIXTURES, ROOT } from './helpers.js';
import { PROPERTY_RUNS, SEED } from './robustness-inputs.js';

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

function fast(text: string): ReturnType<typeof parseTopLevelFast> {
  return parseTopLevelFast(text, new LineIndex(text));
}

function types(text: string): string[] {
  return parseTopLevel(text, new LineIndex(text)).map((node) => node.type);
}

describe('the fast parse', () => {
  it('answers for every fixture, example and rule page, with the blocks of remark-gfm', () => {
    const files = [FIXTURES, join(ROOT, 'examples'), join(ROOT, 'docs')].flatMap(markdownFiles);
    assert.ok(files.length > 100, `only ${files.length} Markdown files found`);
    for (const file of files) {
      assert.ok(checkParseAgreement(readFileSync(file, 'utf8')), `${file}: the fast parse did not answer`);
    }
  });

  it('finds a table that interrupts a paragraph, with its rows where remark-gfm puts them', () => {
    const text = '说明  \n  | 项目 | 数量 |  \n|-|-|\n | 1 | 2 |  \n末行   \n\n后文';
    const blocks = fast(text);
    assert.ok(blocks);
    assert.deepEqual(
      blocks.map((b) => [b.type, text.slice(b.start, b.end)]),
      [
        ['paragraph', '说明  '],
        ['table', '| 项目 | 数量 |  \n|-|-|\n | 1 | 2 |  \n末行   '],
        ['paragraph', '后文'],
      ],
    );
    assert.deepEqual(blocks[1]!.rows!.map((row) => text.slice(row, row + 3)), ['| 项', '| 1', '末行 ']);
    assert.deepEqual(blocks, parseTopLevelWithRemarkGfm(text, new LineIndex(text)));
  });

  it('reads one-cell tables, escaped pipes and a BOM as remark-gfm does', () => {
    for (const text of ['a\n-:\n', '|a|\n|-|\n|b|\n', '\ufeff| a \\| b | c |\n|-|-|\n|1|2|', 'a | b\n-|-\nc', '| a | b |\n|-|-|-|\n']) {
      assert.ok(checkParseAgreement(text), JSON.stringify(text));
    }
    assert.deepEqual(types('| a | b |\n|-|-|-|\n'), ['paragraph']);
    assert.deepEqual(types('a\n-:\n'), ['table']);
  });

  it('leaves to remark-gfm what the line rules do not settle, and still reads it right', () => {
    const unsettled = [
      '- | a |\n  | - |\n  | 1 |\n| 2 |', // a table in a list item, then a line that is not lazy
      '> |a|\n> |-|\n|b|', // the same in a quote
      '|a|\n|-|\n|b|\n===', // a setext underline after rows is a row
      '| a |\n|-|\n| 1 |\n    code', // indented code may follow a row, not a paragraph line
      '| a | b |\n|-|-|\n| 1 |\n2. x', // so may a list item numbered 2
      '| a | b |\n|-|-|\n| 1 |\n<span>', // and an HTML block of kind 7
      '[a]: /u\n--|', // a definition line can be the header row
      '|\n<span>\n:-', // an HTML line that a table would interrupt on
    ];
    for (const text of unsettled) {
      assert.equal(fast(text), undefined, JSON.stringify(text));
      const lines = new LineIndex(text);
      assert.deepEqual(parseTopLevel(text, lines), parseTopLevelWithRemarkGfm(text, lines));
    }
    assert.deepEqual(types('| a | b |\n|-|-|\n| 1 |\n<span>'), ['table', 'html']);
    assert.deepEqual(types('|a|\n|-|\n|b|\n==='), ['table']);
  });

  it('agrees with remark-gfm on generated table-dense Markdown, and answers for most of it', () => {
    let answered = 0;
    const runs = PROPERTY_RUNS.tableParse;
    fc.assert(
      fc.property(tableishMarkdownArb, (text) => {
        if (checkParseAgreement(text)) answered++;
      }),
      { numRuns: runs, seed: SEED },
    );
    assert.ok(answered > runs * 0.8, `the fast parse answered ${answered} of ${runs}`);
  });

  it('agrees with remark-gfm on mutated seeds and random reports', () => {
    fc.assert(fc.property(documentArb, (text) => void checkParseAgreement(text)), { numRuns: PROPERTY_RUNS.documentParse, seed: SEED });
  });
});
