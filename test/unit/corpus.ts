/**
 * The real-prose corpus (issue 24): excerpts of published 政府信息公开工作年度报告, each kept as
 * the stored copy of the page has it, wrapped as a stub report so every text rule reads it as it
 * would read a draft. `test/fixtures/corpus/README.md` says how the excerpts were chosen.
 *
 * A stub is a complete report: the body's title and year, the 统计期限 sentence, the excerpt's
 * paragraphs as section 一 (one Markdown paragraph per paragraph of the page), the three standard
 * tables of the year's format and placeholders for 五 and 六. An excerpt holds no table, so every
 * value cell of a stub holds {@link SENTINEL}, a figure no excerpt states: a rule that compares
 * the text with the tables then reports every figure and claim it reads, and what it read is what
 * the judgments check.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkText, formats, ruleById, type CheckResult, type Finding } from '../../server/src/core/index.js';
import { FIXTURES } from './helpers.js';

/** The corpus folder. */
export const CORPUS = join(FIXTURES, 'corpus');

/** Every value cell of a stub's tables. */
export const SENTINEL = '9999';

/** Levels of government, from the State Council's departments down to 街道. */
export const LEVELS = ['ministry', 'province', 'city', 'county', 'township', 'subdistrict'] as const;
export type Level = (typeof LEVELS)[number];

/** One excerpt of a published report. */
export interface Excerpt {
  /** `c001`…: the record's number in the excerpt files. */
  readonly id: string;
  readonly url: string;
  /** The issuing body, as the page names it. */
  readonly body: string;
  readonly level: Level;
  readonly kind: 'government' | 'department';
  /** The report year. */
  readonly year: number;
  /** The paragraphs of the page, as stored. */
  readonly paragraphs: readonly string[];
  /** The file it is recorded in. */
  readonly file: string;
}

const HEADER = /^([a-z]+): (.*)$/;

/** Parses one excerpt file: records `@@ NNN`, `key: value` lines, a blank line, then one paragraph a line. */
export function parseExcerpts(text: string, file: string): Excerpt[] {
  const out: Excerpt[] = [];
  const records = text.split(/^@@ /m).slice(1);
  for (const record of records) {
    const lines = record.split('\n');
    const id = `c${lines[0]!.trim()}`;
    const fields = new Map<string, string>();
    let i = 1;
    for (; i < lines.length && lines[i]!.trim() !== ''; i++) {
      const m = HEADER.exec(lines[i]!);
      if (!m) throw new Error(`${file} ${id}: not a header line: ${lines[i]}`);
      fields.set(m[1]!, m[2]!);
    }
    const paragraphs = lines.slice(i + 1).filter((line) => line.trim() !== '');
    const need = (key: string): string => {
      const value = fields.get(key);
      if (!value) throw new Error(`${file} ${id}: no ${key}`);
      return value;
    };
    const level = need('level');
    if (!(LEVELS as readonly string[]).includes(level)) throw new Error(`${file} ${id}: unknown level ${level}`);
    const kind = need('kind');
    if (kind !== 'government' && kind !== 'department') throw new Error(`${file} ${id}: unknown kind ${kind}`);
    out.push({ id, url: need('url'), body: need('body'), level: level as Level, kind, year: Number(need('year')), paragraphs, file });
  }
  return out;
}

/** Every excerpt of the corpus, in id order. */
export function readCorpus(): Excerpt[] {
  const folder = join(CORPUS, 'excerpts');
  const files = readdirSync(folder).filter((f) => f.endsWith('.txt')).sort();
  const all = files.flatMap((f) => parseExcerpts(readFileSync(join(folder, f), 'utf8'), f));
  return all.sort((a, b) => a.id.localeCompare(b.id));
}

const PLACEHOLDER = '（摘录之外的部分，不是原文。）';

/** The stub report of an excerpt, and where its paragraphs start in it. */
export interface Stub {
  readonly text: string;
  /** The offset of the first paragraph and of the end of the last. */
  readonly excerptStart: number;
  readonly excerptEnd: number;
}

/** The stub report of an excerpt (see the module comment); `paragraphs` replaces the excerpt's own. */
export function stubOf(excerpt: Excerpt, paragraphs: readonly string[] = excerpt.paragraphs): Stub {
  const format = formats.requiredFormat(excerpt.year);
  const cell = (): string => SENTINEL;
  const head = [
    `# ${excerpt.body}${excerpt.year}年政府信息公开工作年度报告`,
    '',
    `本报告所列数据的统计期限自${excerpt.year}年1月1日起至${excerpt.year}年12月31日止。`,
    '',
    `## ${formats.standardHeading(formats.SECTIONS[0]!)}`,
    '',
    '',
  ].join('\n');
  const body = paragraphs.join('\n\n');
  const section = (index: number, lines: readonly string[]): string[] => [`## ${formats.standardHeading(formats.SECTIONS[index]!)}`, '', ...lines, ''];
  const tail = [
    '',
    '',
    ...section(1, formats.renderTable('table2', format, cell)),
    ...section(2, formats.renderTable('table3', format, cell)),
    ...section(3, formats.renderTable('table4', format, cell)),
    ...section(4, [PLACEHOLDER]),
    ...section(5, [format === '2021' ? `${PLACEHOLDER}本年度未收取信息处理费。` : PLACEHOLDER]),
  ].join('\n');
  return { text: head + body + tail, excerptStart: head.length, excerptEnd: head.length + body.length };
}

/** A finding of a text rule on a stub, keyed by what it quotes. */
export interface CorpusFinding {
  readonly id: string;
  readonly rule: string;
  readonly severity: Finding['severity'];
  /** The text of the finding's range. */
  readonly quote: string;
  /** The n-th finding of this rule with this quote in the excerpt (0 for the first). */
  readonly nth: number;
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

/** The key a judgment is matched by. */
export function corpusKey(f: { id: string; rule: string; quote: string; nth?: number }): string {
  return `${f.id} ${f.rule} «${f.quote}»${f.nth ? ` #${f.nth + 1}` : ''}`;
}

/** Whether a rule reads the text (rules.md "Text"). */
export function isTextRule(rule: string): boolean {
  return ruleById(rule)?.category === 'text';
}

/** The text-rule findings on an excerpt's stub, in text order. */
export function corpusFindings(excerpt: Excerpt, paragraphs?: readonly string[]): { findings: CorpusFinding[]; result: CheckResult; stub: Stub } {
  const stub = stubOf(excerpt, paragraphs);
  const result = checkText(stub.text);
  const seen = new Map<string, number>();
  const findings = result.findings
    .filter((f) => isTextRule(f.rule))
    .sort((a, b) => a.range.start - b.range.start || a.rule.localeCompare(b.rule))
    .map((f) => {
      const quote = stub.text.slice(f.range.start, f.range.end);
      const base = `${f.rule} ${quote}`;
      const nth = seen.get(base) ?? 0;
      seen.set(base, nth + 1);
      return { id: excerpt.id, rule: f.rule, severity: f.severity, quote, nth, start: f.range.start, end: f.range.end, message: f.message.zh };
    });
  return { findings, result, stub };
}

/** A judgment of one finding, by a careful reader of the excerpt. */
export interface Judgment {
  readonly id: string;
  readonly rule: string;
  readonly quote: string;
  readonly nth?: number;
  /** right: the finding says something true of the text; wrong: it misread the text; undecidable: a careful reader cannot tell. */
  readonly verdict: 'right' | 'wrong' | 'undecidable';
  readonly why: string;
}

/** A real error in an excerpt that a rule must report. */
export interface RealError {
  readonly id: string;
  readonly rule: string;
  readonly quote: string;
  readonly why: string;
}

/** The checked-in judgments. */
export function readJudgments(): Judgment[] {
  return JSON.parse(readFileSync(join(CORPUS, 'judgments.json'), 'utf8')) as Judgment[];
}

/** The checked-in list of real errors. */
export function readRealErrors(): RealError[] {
  return JSON.parse(readFileSync(join(CORPUS, 'real-errors.json'), 'utf8')) as RealError[];
}

const FULL_WIDTH: Record<string, string> = { ',': '，', ';': '；', ':': '：', '(': '（', ')': '）', '?': '？', '!': '！' };

/**
 * The paragraphs with their ASCII punctuation in the full-width form a Word draft has (the stored
 * pages hold the half-width form); a comma between digits (1,234) stays. One character for one, so
 * every offset stays where it was.
 */
export function fullWidth(paragraphs: readonly string[]): string[] {
  return paragraphs.map((p) => p.replace(/[,;:()?!]/g, (ch, at: number) => (ch === ',' && /\d/.test(p[at - 1] ?? '') && /\d/.test(p[at + 1] ?? '') ? ch : FULL_WIDTH[ch]!)));
}
