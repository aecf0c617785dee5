/**
 * Generates the editor assets from the format data (issue 3, items 5 and 6):
 *
 * - `snippets/markdown.json`: a snippet for each standard table of each format and for the
 *   whole report skeleton, rendered by `renderTable`/`renderSkeleton` (no label is typed here);
 * - `syntaxes/nianbao.markdown.tmLanguage.json`: a TextMate grammar injected into Markdown
 *   that scopes the section headings, the 第二十条第（X）项 markers, the 勾稽关系 note of 表三
 *   and the 总计 rows and cells, with regexes built from the same data.
 *
 * `node --import tsx scripts/generate.ts` writes both files; with `--check` it writes nothing
 * and exits 1 naming the files that differ from what the format data gives (drift).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  FIRST_YEAR_OF_2021_FORMAT,
  FORMAT_IDS,
  FORMAT_NOTICES,
  SECTIONS,
  TABLE2_ITEMS,
  TABLE3_COLUMNS,
  TABLE3_NOTE,
  TABLE3_ROWS,
  TABLE3_TOTAL_COLUMN,
  TABLE4_OUTCOMES,
  TABLE_NAMES,
  formatName,
  itemTitle,
  labelIn,
  renderSkeleton,
  renderTable,
  type CellText,
  type FormatId,
  type TableId,
} from '../server/src/core/formats/index.js';
import { RULES, SEVERITY_SETTINGS, type Severity } from '../server/src/core/index.js';

/** The repository root. */
export const ROOT = join(__dirname, '..');

// ---------------------------------------------------------------------------------------------
// Snippets
// ---------------------------------------------------------------------------------------------

/** One entry of a VS Code snippets file. */
export interface Snippet {
  readonly prefix: string[];
  readonly body: string[];
  readonly description: string;
}

/** The format the unsuffixed prefixes (`年报表三`, `nb-table3`) insert: the current one. */
export const CURRENT_FORMAT: FormatId = '2021';

/** The year a skeleton proposes, by format (a year that requires that format). */
export const DEFAULT_YEAR: Readonly<Record<FormatId, number>> = {
  '2019': FIRST_YEAR_OF_2021_FORMAT - 1,
  '2021': 2025,
};

/** The reporting body a skeleton proposes. */
export const DEFAULT_BODY = '某某单位';

/**
 * The default of every value cell: blank, never 0 (formats.md §11, issue 20). A template of
 * zeros checks clean while nothing has been filled; blank cells are listed by cell-value until
 * the author writes each figure (0 where there is none).
 */
const DEFAULT_CELL = '';

const TABLE_NUMERALS: Readonly<Record<TableId, { zh: string; ascii: string }>> = {
  table2: { zh: '表二', ascii: 'table2' },
  table3: { zh: '表三', ascii: 'table3' },
  table4: { zh: '表四', ascii: 'table4' },
};

/** Escapes text for a snippet body: `\`, `$` and `}` (VS Code snippet syntax). */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (ch) => `\\${ch}`);
}

/*
 * Tabstops are placed by rendering with sentinels (private-use characters that no label
 * contains), escaping the result, then replacing each sentinel in document order.
 */
const CELL_SENTINEL = '\u{E000}';
const BODY_SENTINEL = '\u{E001}';
/** A year that no label or notice contains; it is replaced by the year tabstop. */
const YEAR_SENTINEL = 909_090_909;

/** Value cells for a snippet: the first value cell of each data row is a tabstop, every cell blank. */
function tabstopCells(): CellText {
  const rows = new Set<string>();
  return (row) => {
    if (rows.has(row)) return DEFAULT_CELL;
    rows.add(row);
    return CELL_SENTINEL;
  };
}

/** How {@link placeTabstops} treats a rendered line. */
interface Placement {
  /** Lines whose whole text becomes a tabstop with that text as its default. */
  readonly textLine?: (line: string, index: number) => boolean;
  /** Sentinel → tabstop, the same wherever the sentinel occurs. */
  readonly fixed?: ReadonlyMap<string, string>;
  /** The number of the first numbered tabstop. */
  readonly first: number;
}

/** Escapes rendered lines and replaces their sentinels by tabstops numbered in document order. */
function placeTabstops(lines: readonly string[], placement: Placement): string[] {
  let n = placement.first;
  return lines.map((raw, index) => {
    if (placement.textLine?.(raw, index)) return `\${${n++}:${escapeSnippet(raw)}}`;
    let text = escapeSnippet(raw);
    for (const [sentinel, tabstop] of placement.fixed ?? []) text = text.split(sentinel).join(tabstop);
    text = text.split(CELL_SENTINEL).reduce((done, part) => `${done}\${${n++}${DEFAULT_CELL ? `:${DEFAULT_CELL}` : ''}}${part}`);
    if (/[\u{E000}-\u{F8FF}]/u.test(text)) throw new Error(`unplaced sentinel in snippet line: ${raw}`);
    return text;
  });
}

/** Body of a table snippet: the first value cell of each data row is a tabstop. */
export function tableSnippetBody(table: TableId, format: FormatId): string[] {
  return placeTabstops(renderTable(table, format, tabstopCells()), { first: 1 });
}

/**
 * Body of a skeleton snippet: the body is tabstop 1 and the year tabstop 2 (title and
 * 统计期限 alike); then, in document order, the placeholder text of each free-text section
 * and the first value cell of each data row.
 */
export function skeletonSnippetBody(format: FormatId): string[] {
  const lines = renderSkeleton({ year: YEAR_SENTINEL, body: BODY_SENTINEL, format, cell: tabstopCells() });
  const fixed = new Map([
    [BODY_SENTINEL, `\${1:${escapeSnippet(DEFAULT_BODY)}}`],
    [String(YEAR_SENTINEL), `\${2:${DEFAULT_YEAR[format]}}`],
  ]);
  // A free-text placeholder: after the title and preamble, neither blank, a heading nor a table row.
  const textLine = (line: string, index: number): boolean => index > 2 && line !== '' && !line.startsWith('#') && !line.startsWith('|');
  return placeTabstops(lines, { first: 3, fixed, textLine });
}

/** 「2021版格式，国办公开办函〔2021〕30号；当前格式，2021年度起的报告使用」 */
function formatLabel(format: FormatId): string {
  const usage =
    format === CURRENT_FORMAT ? `当前格式，${FIRST_YEAR_OF_2021_FORMAT}年度起的报告使用` : `${FIRST_YEAR_OF_2021_FORMAT - 1}年度及以前的报告使用`;
  return `${formatName(format).zh}，${FORMAT_NOTICES[format].citation}；${usage}`;
}

/** The snippets, keyed by their name, in a fixed order: per table then the skeleton. */
export function buildSnippets(): Record<string, Snippet> {
  const out: Record<string, Snippet> = {};
  const formatsCurrentFirst = [CURRENT_FORMAT, ...FORMAT_IDS.filter((f) => f !== CURRENT_FORMAT)];
  for (const table of ['table2', 'table3', 'table4'] as const) {
    const { zh, ascii } = TABLE_NUMERALS[table];
    const title = TABLE_NAMES[table].zh.replace(/（(.*)）$/, '：$1');
    // 表四 is the same in both formats: one snippet answers every prefix.
    const sameInAll = FORMAT_IDS.every((f) => renderTable(table, f, () => DEFAULT_CELL).join('\n') === renderTable(table, CURRENT_FORMAT, () => DEFAULT_CELL).join('\n'));
    if (sameInAll) {
      out[`年报${zh}`] = {
        prefix: [`年报${zh}`, ...FORMAT_IDS.map((f) => `年报${zh}${f}`), `nb-${ascii}`, ...FORMAT_IDS.map((f) => `nb-${ascii}-${f}`)],
        body: tableSnippetBody(table, CURRENT_FORMAT),
        description: `${title}（${FORMAT_IDS.map((f) => formatName(f).zh).join('与')}相同，${FORMAT_IDS.map((f) => FORMAT_NOTICES[f].citation).join('、')}）`,
      };
      continue;
    }
    for (const format of formatsCurrentFirst) {
      const current = format === CURRENT_FORMAT;
      out[`年报${zh}（${formatName(format).zh}）`] = {
        prefix: [...(current ? [`年报${zh}`] : []), `年报${zh}${format}`, ...(current ? [`nb-${ascii}`] : []), `nb-${ascii}-${format}`],
        body: tableSnippetBody(table, format),
        description: `${title}（${formatLabel(format)}）`,
      };
    }
  }
  for (const format of formatsCurrentFirst) {
    const current = format === CURRENT_FORMAT;
    out[`年报模板（${formatName(format).zh}）`] = {
      prefix: [...(current ? ['年报模板'] : []), `年报模板${format}`, ...(current ? ['nb-report'] : []), `nb-report-${format}`],
      body: skeletonSnippetBody(format),
      description: `政府信息公开工作年度报告全文模板：标题、统计期限、六个部分和三张统计表（${formatLabel(format)}）`,
    };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Grammar
// ---------------------------------------------------------------------------------------------

/** A TextMate rule (the subset the grammar uses). */
export interface GrammarRule {
  readonly comment?: string;
  readonly include?: string;
  readonly match?: string;
  readonly name?: string;
  readonly captures?: Readonly<Record<string, { readonly name?: string; readonly patterns?: readonly GrammarRule[] }>>;
}

/** The injection grammar. */
export interface Grammar {
  readonly name: string;
  readonly scopeName: string;
  readonly injectionSelector: string;
  readonly patterns: readonly GrammarRule[];
  readonly repository: Readonly<Record<string, GrammarRule>>;
}

/** Scope name of the injection grammar (package.json: `grammars[].scopeName`, `injectTo: ["text.html.markdown"]`). */
export const GRAMMAR_SCOPE = 'markdown.nianbao.injection';

/**
 * Where the grammar applies: Markdown, but not fenced or indented code, inline code, embedded
 * languages or front matter (`meta.embedded`), HTML comments or HTML tags. These are the scopes
 * VS Code's Markdown grammar (markdown-basics) gives those constructs.
 */
export const INJECTION_SELECTOR = 'L:text.html.markdown -markup.fenced_code -markup.raw -markup.inline.raw -meta.embedded -comment.block.html -meta.tag';

/** Scope names, documented in syntaxes/README.md. */
export const SCOPES = {
  section: 'markup.heading.section.nianbao',
  sectionTitle: 'entity.name.section.nianbao',
  // A heading, as the item lines are in the official table (issue 20: keyword.other read as an error in some themes).
  item: 'markup.heading.item.nianbao',
  note: 'comment.line.note.nianbao',
  totalRow: 'markup.bold.total.row.nianbao',
  totalLabel: 'support.constant.total.nianbao',
  tablePipe: 'punctuation.definition.table.markdown',
} as const;

/** Horizontal white space, including the full-width space. */
const SP = '[ \\t\\x{3000}]';

/** Full-width punctuation that drafts also write half-width. */
const WIDTHS: Readonly<Record<string, string>> = { '（': '(', '）': ')', '：': ':', '，': ',' };

/** Escapes regex metacharacters (Oniguruma). */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}-]/g, (ch) => `\\${ch}`);
}

/** A regex for a label: full-width brackets, colons and commas in either width; optional spaces between characters. */
export function looseRegex(text: string, spaces = false): string {
  const chars = [...text].map((ch) => {
    const half = WIDTHS[ch];
    return half === undefined ? escapeRegex(ch) : `[${escapeRegex(ch)}${escapeRegex(half)}]`;
  });
  return chars.join(spaces ? `${SP}*` : '');
}

function alternation(texts: readonly string[], spaces = false): string {
  const unique = [...new Set(texts)].sort((a, b) => b.length - a.length || a.localeCompare(b));
  return `(?:${unique.map((t) => looseRegex(t, spaces)).join('|')})`;
}

/** The one text at which all `texts` differ, as [common prefix, the differing parts, common suffix]. */
function splitCommon(texts: readonly string[]): [string, string[], string] {
  let prefix = texts[0]!;
  for (const t of texts) while (!t.startsWith(prefix)) prefix = prefix.slice(0, -1);
  let suffix = texts[0]!;
  for (const t of texts) while (!t.endsWith(suffix)) suffix = suffix.slice(1);
  return [prefix, texts.map((t) => t.slice(prefix.length, t.length - suffix.length)), suffix];
}

function sectionRule(index: number): GrammarRule {
  const section = SECTIONS.find((s) => s.index === index)!;
  // Any section's Chinese numeral (a wrong one is still a section heading, which section-heading
  // reports), or this section's own number in ASCII or full-width digits (`3、`): a line
  // `1.收到和处理政府信息公开申请情况` is a list item inside 一、总体情况, not section 三.
  const numerals = SECTIONS.map((s) => s.numeral);
  const digits = [String(section.index), String.fromCodePoint(0xff10 + section.index)];
  const numbering = `(?:${[...numerals, ...digits].map(escapeRegex).join('|')})${SP}*[、.．,，]${SP}*`;
  return {
    comment: `${section.numeral}、${section.title} and its variants, as a whole line: a heading, a bold line or a plain line`,
    // Start of line or after #, *, _ or spaces; end of line after an optional closing ** or __.
    match: `(?<![^\\s#*_])(${numbering})?(${alternation([section.title, ...section.variants])})(?=${SP}*(?:\\*\\*|__)?${SP}*$)`,
    name: SCOPES.section,
    captures: { '2': { name: SCOPES.sectionTitle } },
  };
}

function itemRule(): GrammarRule {
  const titles = TABLE2_ITEMS.map(itemTitle);
  const [prefix, numerals, suffix] = splitCommon(titles);
  if (numerals.some((n) => n === '')) throw new Error('the 第二十条 item titles have no common frame');
  return {
    comment: `The 第二十条 item markers of 表二 (${titles.join(' ')}), brackets of either width, spaces allowed`,
    match: `${looseRegex(prefix, true)}${SP}*${alternation(numerals)}${SP}*${looseRegex(suffix, true)}`,
    name: SCOPES.item,
  };
}

function noteRule(): GrammarRule {
  const [open, inner, close] = [TABLE3_NOTE.slice(0, 1), TABLE3_NOTE.slice(1, -1), TABLE3_NOTE.slice(-1)];
  return {
    comment: 'The 勾稽关系 note in the top-left cell of 表三, brackets of either width (or none)',
    match: `${looseRegex(open)}?${looseRegex(inner)}${looseRegex(close)}?`,
    name: SCOPES.note,
  };
}

function totalRowLabel(): string {
  const row = TABLE3_ROWS.find((r) => r.role === 'outcomeTotal');
  if (!row) throw new Error('表三 has no outcomeTotal row');
  return labelIn(row.label, CURRENT_FORMAT);
}

function totalLabels(): string[] {
  const column = TABLE3_COLUMNS.find((c) => c.key === TABLE3_TOTAL_COLUMN)!;
  const outcome = TABLE4_OUTCOMES.find((o) => o.key === 'total')!;
  return [...new Set([labelIn(column.label, CURRENT_FORMAT), outcome.label])];
}

function totalRowRule(): GrammarRule {
  const label = totalRowLabel();
  return {
    comment: `A table row whose label is ${label}: the whole row`,
    match: `^(${SP}*\\|.*?)(${looseRegex(label, true)})(.*)$`,
    name: SCOPES.totalRow,
    captures: {
      '1': { patterns: [{ include: '#table-pipe' }] },
      '2': { name: SCOPES.totalLabel },
      '3': { patterns: [{ include: '#table-pipe' }] },
    },
  };
}

function totalRowLabelRule(): GrammarRule {
  const label = totalRowLabel();
  return { comment: `${label} outside a table row`, match: looseRegex(label, true), name: SCOPES.totalLabel };
}

function totalCellRule(): GrammarRule {
  const labels = totalLabels();
  return {
    comment: `A table cell that holds only ${labels.join(' or ')} (the 总计 columns of 表三 and 表四)`,
    match: `(?<=\\|)${SP}*(${alternation(labels, true)})(?=${SP}*(?:\\||$))`,
    captures: { '1': { name: SCOPES.totalLabel } },
  };
}

/** The injection grammar, built from the format data. */
export function buildGrammar(): Grammar {
  const repository: Record<string, GrammarRule> = {};
  for (const section of SECTIONS) repository[`section-${section.index}`] = sectionRule(section.index);
  repository['item-marker'] = itemRule();
  repository['table3-note'] = noteRule();
  repository['total-row'] = totalRowRule();
  repository['total-cell'] = totalCellRule();
  repository['total-label'] = totalRowLabelRule();
  repository['table-pipe'] = { match: '\\|', name: SCOPES.tablePipe };
  // Order matters where two rules match at the same place: the whole 总计 row first.
  const order = ['total-row', ...SECTIONS.map((s) => `section-${s.index}`), 'item-marker', 'table3-note', 'total-cell', 'total-label'];
  return {
    name: 'nianbao (Markdown injection)',
    scopeName: GRAMMAR_SCOPE,
    injectionSelector: INJECTION_SELECTOR,
    patterns: order.map((key) => ({ include: `#${key}` })),
    repository,
  };
}

// ---------------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------------

/** JSON as written: 2-space indent and a final newline. */
export function serialize(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Every rule a user can configure, in rules.md order (the rules across reports last). */
function allRules(): readonly { id: string; defaultSeverity: Severity; description: { zh: string; en: string } }[] {
  return RULES;
}

const SEVERITY_ZH: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示', hint: '建议' };

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Record<string, unknown>;
}

/** package.json with `nianbao.rules` listing every rule of the registry (the rest kept as it is). */
export function buildManifest(): unknown {
  const manifest = readJson('package.json') as { contributes: { configuration: { properties: Record<string, { properties: Record<string, unknown> }> } } };
  const rules = manifest.contributes.configuration.properties['nianbao.rules']!;
  const severities = SEVERITY_SETTINGS;
  rules.properties = Object.fromEntries(
    allRules().map((rule) => [
      rule.id,
      { type: 'string', enum: severities, enumDescriptions: severities.map((s) => `%config.rules.${s}%`), description: `%config.rules.${rule.id}%` },
    ]),
  );
  return manifest;
}

/** The manifest strings of one language with one description per rule, from the registry. */
function buildNls(path: string, describe: (rule: ReturnType<typeof allRules>[number]) => string): () => unknown {
  return () => {
    const nls = readJson(path);
    const ruleKeys = new Set(allRules().map((r) => `config.rules.${r.id}`));
    const generic = new Set(SEVERITY_SETTINGS.map((s) => `config.rules.${s}`));
    const kept = Object.entries(nls).filter(([key]) => !key.startsWith('config.rules.') || generic.has(key) || key === 'config.rules');
    return Object.fromEntries([...kept, ...allRules().map((rule) => [`config.rules.${rule.id}`, describe(rule)])].filter(([key]) => !key.startsWith('config.rules.') || generic.has(key) || key === 'config.rules' || ruleKeys.has(key)));
  };
}

/**
 * The JSON schema of `.nianbaorc.json` (server/src/shell/config.ts), registered through
 * `contributes.jsonValidation`: every rule id of the registry with its severities and description.
 */
export function buildConfigSchema(): unknown {
  const severities = SEVERITY_SETTINGS;
  const severityZh = ['错误', '警告', '提示', '建议', '关闭'];
  const globs = (zh: string, en: string): unknown => ({ type: 'array', items: { type: 'string' }, description: `${zh}\n${en}` });
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'nianbao 配置文件 / nianbao config (.nianbaorc.json)',
    description: 'nianbao 的配置：CLI 与编辑器从被检查文件所在目录向上查找第一个 .nianbaorc.json（或 package.json 的 "nianbao"）。\nThe nianbao config: the CLI and the editor use the first .nianbaorc.json (or package.json "nianbao" key) found walking up from the checked file.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      rules: {
        type: 'object',
        description: '按规则 id 设置级别，off 关闭该规则。\nSeverity by rule id; off disables the rule.',
        additionalProperties: false,
        properties: Object.fromEntries(
          allRules().map((rule) => [
            rule.id,
            {
              type: 'string',
              enum: severities,
              enumDescriptions: severities.map((s, i) => `${severityZh[i]} / ${s}`),
              description: `${rule.description.zh}。默认级别：${SEVERITY_ZH[rule.defaultSeverity]}。\n${rule.description.en}. Default: ${rule.defaultSeverity}.`,
            },
          ]),
        ),
      },
      format: {
        type: 'string',
        enum: ['auto', '2019', '2021'],
        enumDescriptions: ['按报告年度判断格式 / by the report year', '2019 年版格式 / the 2019 format', '2021 年版格式 / the 2021 format'],
        description: '检查所依据的格式版本（auto：按报告年度）。\nThe format to check against (auto: by the report year).',
      },
      locale: {
        type: 'string',
        enum: ['zh-CN', 'en'],
        description: '信息语言。\nThe message language.',
      },
      files: globs('即使 nianbao 未识别为年度报告也要检查的 Markdown 文件（glob，相对于配置文件所在目录）。', 'Markdown files to check as annual reports even when nianbao does not recognise them (globs, relative to the config file).'),
      ignore: globs('目录搜索时跳过的文件（gitignore 语法，相对于配置文件所在目录）。', 'Files the directory search skips (gitignore syntax, relative to the config file).'),
    },
  };
}

/** The generated files, relative to the repository root, and their builders. */
export const OUTPUTS: readonly { readonly path: string; readonly build: () => unknown }[] = [
  { path: 'snippets/markdown.json', build: buildSnippets },
  { path: 'syntaxes/nianbao.markdown.tmLanguage.json', build: buildGrammar },
  { path: 'package.json', build: buildManifest },
  { path: 'package.nls.json', build: buildNls('package.nls.json', (rule) => `${rule.description.en}. Default: ${rule.defaultSeverity}.`) },
  { path: 'package.nls.zh-cn.json', build: buildNls('package.nls.zh-cn.json', (rule) => `${rule.description.zh}。默认级别：${SEVERITY_ZH[rule.defaultSeverity]}。`) },
  { path: 'schemas/nianbaorc.schema.json', build: buildConfigSchema },
];

/** The generated files that differ from what the format data gives. */
export function staleOutputs(root = ROOT): string[] {
  return OUTPUTS.filter(({ path, build }) => {
    let current: string | undefined;
    try {
      current = readFileSync(join(root, path), 'utf8');
    } catch {
      current = undefined;
    }
    return current !== serialize(build());
  }).map((o) => o.path);
}

function main(args: readonly string[]): number {
  if (args.includes('--check')) {
    const stale = staleOutputs();
    for (const path of stale) console.error(`${path} is stale: run \`node --import tsx scripts/generate.ts\``);
    return stale.length === 0 ? 0 : 1;
  }
  for (const { path, build } of OUTPUTS) {
    const text = serialize(build());
    let current: string | undefined;
    try {
      current = readFileSync(join(ROOT, path), 'utf8');
    } catch {
      current = undefined;
    }
    if (current !== text) {
      mkdirSync(dirname(join(ROOT, path)), { recursive: true });
      writeFileSync(join(ROOT, path), text);
      console.log(`wrote ${path}`);
    }
  }
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
