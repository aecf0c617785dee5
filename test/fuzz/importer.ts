/**
 * The fuzz part `importer` (issue 18): `importDraft` on random Word files and web pages, built
 * from hostile pieces (test/fuzz/hostile-files.ts) — table rows, nesting, pictures that declare
 * any size (lying or not), entries in numbers, text that looks like markup (directives, tags,
 * headings, fences, character references), real HTML comments and scripts around tables.
 * Whatever it is given, an import must end within its time limit without throwing, and either
 * refuse with a message or give a draft in which:
 * - no `<!-- nianbao-… -->` directive, comment or tag appears that was only text in the source;
 * - every paragraph of source text is there, escaped as text (`text/literal.ts`);
 * - the draft is checked without a rule failing.
 * Shared by `npm run fuzz` (FUZZ_ONLY=importer) and test/unit/robustness.test.ts (bounded).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkText } from '../../server/src/core/index.js';
import { literalLine } from '../../server/src/core/text/literal.js';
import { importDraft } from '../../server/src/shell/import-draft.js';
import { declaredPicture, deflated, docxOf, paragraph, PICTURE_RELATIONSHIP, reportBody, WORD_PICTURE, wordNesting, wordRows, zeroPicture } from './hostile-files.js';

/** An import that takes longer has no bound. */
const TIMEOUT_MS = 20_000;

/** Text a drafter could type that markup would read otherwise. */
const TRAPS = [
  '<!-- nianbao-disable-file -->',
  '<!-- nianbao-disable doubled-word -->',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '# 一、总体情况',
  '## 不是标题',
  '> 引用',
  '```',
  '~~~',
  '***',
  '[注]: http://example.com',
  '&lt;table&gt;',
  '&#60;b&#62;',
  '\\* 星号',
  '<table><tr><td>1</td></tr></table>',
  '=====',
] as const;

const trapArb = fc.oneof(
  fc.constantFrom(...TRAPS),
  fc.tuple(fc.constantFrom(...TRAPS), fc.constantFrom('甲', '申请', '2021年', '')).map(([a, b]) => `${a}${b}`),
  fc.stringMatching(/^[<>#&;!\-*`~[\]()=\\a-z0-9 ]{1,24}$/).map((s) => s.trim()).filter((s) => s !== ''),
);

/** One piece of a Word document's body. */
type Piece =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'rows'; readonly count: number }
  | { readonly kind: 'nesting'; readonly depth: number }
  | { readonly kind: 'picture' };

const pieceArb: fc.Arbitrary<Piece> = fc.oneof(
  { weight: 6, arbitrary: trapArb.map((text) => ({ kind: 'text' as const, text })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 8_000 }).map((count) => ({ kind: 'rows' as const, count })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 400 }).map((depth) => ({ kind: 'nesting' as const, depth })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'picture' as const }) },
);

/** A random Word file: its pieces, its picture (what it declares), how many extra entries. */
export interface WordCase {
  readonly pieces: readonly Piece[];
  readonly picture: { readonly declared: number; readonly actual: number } | undefined;
  readonly entries: number;
}

export const wordCaseArb: fc.Arbitrary<WordCase> = fc.record({
  pieces: fc.array(pieceArb, { minLength: 1, maxLength: 12 }),
  picture: fc.option(
    fc.record({
      declared: fc.constantFrom(10, 4096, 1024 * 1024, 300 * 1024 * 1024, 2 ** 32 - 1),
      actual: fc.constantFrom(10, 4096, 1024 * 1024, 8 * 1024 * 1024),
    }),
    { nil: undefined },
  ),
  entries: fc.constantFrom(0, 5, 2_500),
});

/** A random web page: text pieces, a nesting depth, a table with a comment and a script in it. */
export interface PageCase {
  readonly texts: readonly string[];
  readonly depth: number;
  readonly table: boolean;
}

export const pageCaseArb: fc.Arbitrary<PageCase> = fc.record({
  texts: fc.array(trapArb, { minLength: 1, maxLength: 10 }),
  depth: fc.constantFrom(1, 10, 200, 300, 5_000),
  table: fc.boolean(),
});

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function wordBytes(c: WordCase): Buffer {
  const body = reportBody() + c.pieces.map((p) => (p.kind === 'text' ? paragraph(p.text) : p.kind === 'rows' ? wordRows(p.count) : p.kind === 'nesting' ? wordNesting(p.depth) : WORD_PICTURE)).join('');
  const extra = Array.from({ length: c.entries }, (_, i) => deflated(`customXml/item${i}.xml`, '<x/>'));
  if (c.picture) {
    const picture = c.picture.actual <= c.picture.declared ? zeroPicture('word/media/image1.png', c.picture.actual) : declaredPicture('word/media/image1.png', c.picture.declared);
    extra.push({ ...picture, size: c.picture.declared });
  }
  return docxOf(body, extra, PICTURE_RELATIONSHIP);
}

function pageText(c: PageCase): string {
  const table = c.table ? '<table><!-- nianbao-disable-file --><script>document.write(1)</script><tr><td>申请</td><td>1</td></tr></table>' : '';
  const paragraphs = c.texts.map((t) => `<p>${escapeHtml(t)}</p>`).join('');
  return `<html><body><h1>某某街道2021年政府信息公开工作年度报告</h1>${'<div>'.repeat(c.depth)}${paragraphs}${table}${'</div>'.repeat(c.depth)}</body></html>`;
}

const DIRECTIVE = /<!--[ \t]*nianbao-/;

/** The properties of one import: bounded, never throwing, text carried as text. */
async function checkImport(bytes: Buffer, kind: 'docx' | 'html', texts: readonly string[]): Promise<void> {
  const start = performance.now();
  const result = await importDraft(bytes, kind);
  const ms = performance.now() - start;
  assert.ok(ms < TIMEOUT_MS, `the import took ${Math.round(ms)} ms`);
  if ('error' in result) {
    assert.ok(result.error.zh.length > 0 && result.error.en.length > 0);
    // eslint-disable-next-line no-control-regex -- the control characters are what must not appear
    assert.doesNotMatch(result.error.zh, /[\u0000-\u0008\u000b-\u001f\u007f]/);
    return;
  }
  assert.doesNotMatch(result.text, DIRECTIVE, 'a directive appeared that was only text');
  assert.doesNotMatch(result.text, /<script|<!--|<img/i, 'a tag or comment appeared that was only text or was no content');
  const lines = new Set(result.text.split('\n'));
  for (const text of texts) {
    const normalized = text.replace(/[ \t\r\n\f\u00a0\u200b]+/g, ' ').trim();
    if (normalized === '') continue;
    assert.ok(lines.has(literalLine(normalized)), `“${text}” is not in the draft as text: ${JSON.stringify([...lines].slice(0, 40))}`);
  }
  const checked = checkText(result.text);
  assert.deepEqual(checked.failures, []);
}

/** The importer property on a Word file. */
export function checkWordImport(c: WordCase): Promise<void> {
  return checkImport(wordBytes(c), 'docx', c.pieces.flatMap((p) => (p.kind === 'text' ? [p.text] : [])));
}

/** The importer property on a web page. */
export function checkPageImport(c: PageCase): Promise<void> {
  return checkImport(Buffer.from(pageText(c)), 'html', c.texts);
}
