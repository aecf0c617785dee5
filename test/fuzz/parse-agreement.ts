/**
 * The fast parse (server/src/core/model/markdown.ts) against the full remark-gfm parse: on any
 * text where the fast route answers, both give the same top-level blocks. Shared by the bounded
 * run in `npm test` (test/unit/markdown-parse.test.ts) and `npm run fuzz` (part `parse`).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTopLevelFast, parseTopLevelWithRemarkGfm } from '../../server/src/core/model/markdown.js';
import { LineIndex } from '../../server/src/core/text/lines.js';

/** Pieces of table-like lines: pipes, dashes, colons, escapes, indentation, container and block starts. */
const pieceArb = fc.constantFrom(
  '|', '|', '|', ' ', ' ', '\t', 'a', '数', '-', '-', '--', ':', '\\', '\\|', '>', '*', '+', '1.', '2)',
  '<span>', '<div>', '#', '=', '```', '~~~', '[^1]:', '[a]: /u', '&nbsp;', '`', '_', '\u3000', '  ', '    ',
);

/** Whole lines that start, continue or end tables and the blocks around them. */
const lineArb = fc.oneof(
  { weight: 5, arbitrary: fc.array(pieceArb, { maxLength: 8 }).map((pieces) => pieces.join('')) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '| a | b |', '|-|-|', '| --- | :-: |', 'a | b', '-|-', ':-', '-:', '|a|', '|-|', '', '', '---', '===',
      '- x', '1. x', '2. x', '-', '*', '> q', '    code', '<!--', '-->', '   |a|', '    |-|', '| 1 | 2 |', 'text',
    ),
  },
);

/** Short documents dense in table edge cases, with any line break and sometimes a BOM. */
export const tableishMarkdownArb: fc.Arbitrary<string> = fc
  .tuple(fc.array(lineArb, { maxLength: 14 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean())
  .map(([lines, eol, bom]) => (bom ? '\ufeff' : '') + lines.join(eol));

/**
 * Whether the fast route answered for `text`; when it did, asserts that its blocks equal the
 * full remark-gfm parse's.
 */
export function checkParseAgreement(text: string): boolean {
  const lines = new LineIndex(text);
  const fast = parseTopLevelFast(text, lines);
  if (fast === undefined) return false;
  assert.deepEqual(fast, parseTopLevelWithRemarkGfm(text, lines), `the fast parse differs from remark-gfm on ${JSON.stringify(text.slice(0, 2000))}`);
  return true;
}
