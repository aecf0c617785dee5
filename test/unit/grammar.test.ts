/**
 * The TextMate grammar injected into Markdown (syntaxes/), tokenised without VS Code:
 * vscode-textmate + vscode-oniguruma, with VS Code's own Markdown grammar as the host (from the
 * tm-grammars package, which ships microsoft/vscode's markdown.tmLanguage.json and the HTML
 * grammars it includes). Checks what gets the nianbao scopes and what must not: fenced and
 * indented code, inline code, HTML comments and tags. And that the checked-in grammar is the
 * one the format data gives (drift).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { GRAMMAR_SCOPE, INJECTION_SELECTOR, SCOPES, buildGrammar, serialize } from '../../scripts/generate.js';
import { SECTIONS, TABLE3_NOTE, renderSkeleton, standardHeading } from '../../server/src/core/formats/index.js';
import { ROOT } from './helpers.js';

const GRAMMAR_FILE = join(ROOT, 'syntaxes', 'nianbao.markdown.tmLanguage.json');
const MARKDOWN = 'text.html.markdown';

/** Host grammars by scope name, from tm-grammars; other embedded languages are not loaded. */
const HOSTS: Readonly<Record<string, string>> = {
  [MARKDOWN]: 'markdown.json',
  'text.html.derivative': 'html-derivative.json',
  'text.html.basic': 'html.json',
};

let markdown: textmate.IGrammar;

before(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName: string) => {
      if (scopeName === GRAMMAR_SCOPE) return textmate.parseRawGrammar(readFileSync(GRAMMAR_FILE, 'utf8'), GRAMMAR_FILE);
      const file = HOSTS[scopeName];
      if (!file) return null;
      const path = require.resolve(`tm-grammars/grammars/${file}`);
      return textmate.parseRawGrammar(readFileSync(path, 'utf8'), path);
    },
    getInjections: (scopeName: string) => (scopeName === MARKDOWN ? [GRAMMAR_SCOPE] : undefined),
  });
  const grammar = await registry.loadGrammar(MARKDOWN);
  assert.ok(grammar, 'the Markdown host grammar loads');
  markdown = grammar;
});

/** A token of a document: its line, text and scopes. */
interface Token {
  readonly line: number;
  readonly text: string;
  readonly scopes: readonly string[];
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let stack = textmate.INITIAL;
  text.split('\n').forEach((line, index) => {
    const result = markdown.tokenizeLine(line, stack);
    for (const token of result.tokens) {
      out.push({ line: index, text: line.slice(token.startIndex, token.endIndex), scopes: token.scopes });
    }
    stack = result.ruleStack;
  });
  return out;
}

const has = (scopes: readonly string[], scope: string): boolean => scopes.some((s) => s === scope || s.startsWith(`${scope}.`));
const nianbao = (scopes: readonly string[]): string[] => scopes.filter((s) => s.endsWith('.nianbao'));

/**
 * The scopes every character of `needle` has on the line where it occurs (the `occurrence`-th
 * line that contains it): the scopes common to the tokens that cover it.
 */
function scopesOf(text: string, needle: string, occurrence = 0): string[] {
  const lines = text.split('\n');
  const matching = lines.map((l, i) => [l, i] as const).filter(([l]) => l.includes(needle));
  const hit = matching[occurrence];
  assert.ok(hit, `“${needle}” occurs in the text`);
  const [line, index] = hit;
  const start = line.indexOf(needle);
  const end = start + needle.length;
  let pos = 0;
  let common: string[] | undefined;
  for (const token of tokenize(text).filter((t) => t.line === index)) {
    const tokenStart = pos;
    pos += token.text.length;
    if (pos <= start || tokenStart >= end) continue;
    common = common === undefined ? [...token.scopes] : common.filter((s) => token.scopes.includes(s));
  }
  return common ?? [];
}

/** A line's nianbao scopes anywhere on it. */
function lineNianbaoScopes(text: string, lineIndex: number): string[] {
  return [...new Set(tokenize(text).filter((t) => t.line === lineIndex).flatMap((t) => nianbao(t.scopes)))];
}

const NOTE_INNER = TABLE3_NOTE.slice(1, -1);
const ITEM_TABLE = ['| 第二十条第（一）项 |  |  |  |', '| --- | --- | --- | --- |', '| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |', '| 规章 | 0 | 0 | 0 |'].join('\n');

describe('grammar file', () => {
  it('is the grammar the format data gives (run `node --import tsx scripts/generate.ts` if not)', () => {
    const onDisk = readFileSync(GRAMMAR_FILE, 'utf8');
    assert.deepEqual(JSON.parse(onDisk), buildGrammar());
    assert.equal(onDisk, serialize(buildGrammar()));
  });

  it('is an injection grammar into Markdown that leaves code, HTML comments and tags alone', () => {
    const grammar = buildGrammar();
    assert.equal(grammar.scopeName, GRAMMAR_SCOPE);
    assert.equal(grammar.injectionSelector, INJECTION_SELECTOR);
    assert.match(grammar.injectionSelector, /^L:text\.html\.markdown /);
    for (const excluded of ['markup.fenced_code', 'markup.raw', 'markup.inline.raw', 'meta.embedded', 'comment.block.html', 'meta.tag']) {
      assert.ok(grammar.injectionSelector.includes(` -${excluded}`), excluded);
    }
  });

  it('has its scopes and selector documented in syntaxes/README.md', () => {
    const readme = readFileSync(join(ROOT, 'syntaxes', 'README.md'), 'utf8');
    for (const scope of Object.values(SCOPES).filter((s) => s.endsWith('.nianbao'))) assert.ok(readme.includes(`\`${scope}\``), scope);
    assert.ok(readme.includes(INJECTION_SELECTOR));
    assert.ok(readme.includes(GRAMMAR_SCOPE));
  });

  it('has only rules whose includes resolve', () => {
    const grammar = buildGrammar();
    const includes = JSON.stringify(grammar).match(/"include":"#[^"]+"/g) ?? [];
    for (const include of includes) {
      const key = include.slice('"include":"#'.length, -1);
      assert.ok(grammar.repository[key], `#${key} is in the repository`);
    }
  });
});

describe('section headings', () => {
  for (const section of SECTIONS) {
    it(`scopes “${standardHeading(section)}” as an ATX heading`, () => {
      const text = `# 标题\n\n## ${standardHeading(section)}\n\n正文。`;
      const scopes = scopesOf(text, standardHeading(section));
      assert.ok(has(scopes, SCOPES.section), scopes.join(' '));
      assert.ok(has(scopes, 'markup.heading.markdown'), 'still a Markdown heading');
      assert.ok(has(scopesOf(text, section.title), SCOPES.sectionTitle));
    });
    for (const variant of section.variants) {
      it(`scopes the variant “${variant}”`, () => {
        const text = `### ${section.numeral}、${variant}\n`;
        assert.ok(has(scopesOf(text, variant), SCOPES.sectionTitle));
      });
    }
  }

  it('scopes a bold line, a plain line, a wrongly numbered and an unnumbered heading', () => {
    const [, second, third, fourth] = SECTIONS;
    const text = [`**${standardHeading(second!)}**`, '', `3、 ${third!.title}`, '', fourth!.title, ''].join('\n');
    assert.ok(has(scopesOf(text, standardHeading(second!)), SCOPES.section), 'bold line');
    assert.ok(has(scopesOf(text, `3、 ${third!.title}`), SCOPES.section), '3、 numbering');
    assert.ok(has(scopesOf(text, fourth!.title), SCOPES.section), 'unnumbered');
  });

  it('scopes a heading with a wrong Chinese numeral, not a list item with another arabic number', () => {
    const third = SECTIONS[2]!;
    const fourth = SECTIONS[3]!;
    const text = [`## ${fourth.numeral}、${third.title}`, '', `1.${third.title}`, '', `2、${fourth.title}`, ''].join('\n');
    assert.ok(has(scopesOf(text, third.title), SCOPES.section), 'wrong Chinese numeral');
    assert.deepEqual(lineNianbaoScopes(text, 2), [], 'a list item of 一、总体情况 (seed 000)');
    assert.deepEqual(lineNianbaoScopes(text, 4), []);
  });

  it('does not scope a section title inside a sentence', () => {
    const [first, second] = SECTIONS;
    const text = `本报告由${first!.title}、${second!.title}等六部分组成。\n\n根据${standardHeading(second!)}的统计：\n`;
    assert.deepEqual(lineNianbaoScopes(text, 0), []);
    assert.deepEqual(lineNianbaoScopes(text, 2), []);
  });

  it('scopes every heading of a whole skeleton', () => {
    const text = renderSkeleton({ year: 2025, body: '某某单位', format: '2021' }).join('\n');
    for (const section of SECTIONS) assert.ok(has(scopesOf(text, standardHeading(section)), SCOPES.section), section.title);
  });
});

describe('第二十条 item markers', () => {
  it('scopes a 第二十条第（一）项 cell of 表二, coloured as a heading (issue 20: never as an error)', () => {
    assert.ok(has(scopesOf(ITEM_TABLE, '第二十条第（一）项'), SCOPES.item));
    assert.match(SCOPES.item, /^markup\.heading\./);
    for (const scope of Object.values(SCOPES)) assert.doesNotMatch(scope, /^(?:invalid|keyword|message\.error)/, scope);
    assert.ok(has(scopesOf(ITEM_TABLE, '第二十条第（一）项'), 'markup.table.markdown'), 'still in the Markdown table');
  });

  it('scopes half-width brackets, spaces and a marker as a heading or a bold line', () => {
    for (const marker of ['第二十条第(五)项', '第二十条第 （六） 项', '第二十条 第（八）项', '第二十条第（九）项']) {
      assert.ok(has(scopesOf(`${marker}\n`, marker), SCOPES.item), marker);
    }
    assert.ok(has(scopesOf('#### 第二十条第（五）项\n', '第二十条第（五）项'), SCOPES.item), 'heading');
    assert.ok(has(scopesOf('**第二十条第（六）项**\n', '第二十条第（六）项'), SCOPES.item), 'bold');
  });

  it('does not scope an item the formats do not have', () => {
    assert.deepEqual(lineNianbaoScopes('第二十条第（二）项\n', 0), []);
  });
});

describe('the 勾稽关系 note and 总计', () => {
  const table3 = [
    `| ${TABLE3_NOTE} |  |  | 申请人情况 |  |  |  |  |  |  |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    '|  |  |  | 自然人 | 法人或其他组织 |  |  |  |  | 总计 |',
    '|  | （六）其他处理 |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |',
    '|  | （七）总计 |  | 1 | 0 | 0 | 0 | 0 | 0 | 1 |',
  ].join('\n');

  it('scopes the note in both bracket widths', () => {
    assert.ok(has(scopesOf(table3, NOTE_INNER), SCOPES.note));
    const half = `(${NOTE_INNER})`;
    assert.ok(has(scopesOf(`| ${half} |  |\n| --- | --- |\n`, half), SCOPES.note));
  });

  it('scopes the （七）总计 row as a whole and its label', () => {
    const row = scopesOf(table3, '| 1 | 0 | 0 | 0 | 0 | 0 | 1 |');
    assert.ok(has(row, SCOPES.totalRow), row.join(' '));
    assert.ok(has(scopesOf(table3, '（七）总计'), SCOPES.totalLabel));
    assert.ok(has(scopesOf(table3, '|', 4), 'punctuation.definition.table.markdown'), 'the pipes stay table punctuation');
    assert.ok(has(scopesOf('|  | (七) 总计 |  | 0 |\n', '(七) 总计'), SCOPES.totalLabel), 'half-width brackets');
  });

  it('scopes a 总计 column header cell, and not 总计 in a sentence or another row', () => {
    assert.ok(has(scopesOf(table3, '总计'), SCOPES.totalLabel));
    assert.ok(has(scopesOf('| 结果维持 | 总计 | 未经复议直接起诉 |\n| --- | --- | --- |\n', '总计'), SCOPES.totalLabel), '表四');
    assert.deepEqual(lineNianbaoScopes(table3, 3), [], 'the （六） row');
    assert.deepEqual(lineNianbaoScopes('本年共收到申请总计 12 件。\n', 0), []);
  });
});

describe('what is left alone', () => {
  const heading = standardHeading(SECTIONS[2]!);
  const samples = [`## ${heading}`, ITEM_TABLE, `| ${TABLE3_NOTE} |  |`, '|  | （七）总计 |  | 0 | 0 |', '| 总计 | 总计 |'];

  for (const fence of ['```', '```markdown', '~~~md', '```text']) {
    it(`scopes nothing inside a ${fence} fenced code block`, () => {
      const text = ['前言', '', fence, ...samples, fence.slice(0, 3), ''].join('\n');
      const tokens = tokenize(text).filter((t) => t.line >= 3 && t.line < 3 + samples.join('\n').split('\n').length);
      assert.ok(tokens.length > 0);
      for (const t of tokens) {
        assert.ok(has(t.scopes, 'markup.fenced_code.block.markdown'), `line ${t.line} is in the fence`);
        assert.deepEqual(nianbao(t.scopes), [], `“${t.text}” on line ${t.line}`);
      }
      // …and the same text outside the fence is scoped.
      for (const sample of samples) assert.ok(lineNianbaoScopes(sample, 0).length > 0, sample);
    });
  }

  it('scopes nothing in an indented code block or inline code', () => {
    const text = `段落。\n\n    ## ${heading}\n    | 第二十条第（一）项 | 总计 |\n\n正文 \`第二十条第（一）项\` 与 \`（七）总计\`。\n`;
    for (const t of tokenize(text)) assert.deepEqual(nianbao(t.scopes), [], `“${t.text}” on line ${t.line}`);
  });

  it('scopes nothing in an HTML comment or in HTML tags', () => {
    const text = `<!-- ${heading} 第二十条第（一）项 （七）总计 -->\n\n<table><tr><td title="第二十条第（一）项" class="（七）总计">x</td></tr></table>\n`;
    for (const t of tokenize(text)) assert.deepEqual(nianbao(t.scopes), [], `“${t.text}” on line ${t.line}`);
  });

  it('scopes the text of an HTML table cell like a GFM cell (it has no scope of its own to exclude)', () => {
    // VS Code's Markdown grammar scopes an HTML block's tags and comments, not the text between
    // tags; the checker reads HTML tables as it reads GFM ones, and so does the grammar.
    const text = '<table>\n<tr><td>第二十条第（一）项</td></tr>\n</table>\n';
    assert.ok(has(scopesOf(text, '第二十条第（一）项'), SCOPES.item));
    assert.deepEqual(nianbao(scopesOf(text, '<td>')), []);
  });
});
