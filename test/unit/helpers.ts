/**
 * Test helpers: fixture loading, inline expectation markers, and finding summaries.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkText, type CheckOptions, type CheckResult, type Finding } from '../../server/src/core/index.js';
import { decodeText, type TextEncoding } from '../../server/src/shell/encoding.js';

/** The repository root. */
export const ROOT = join(__dirname, '..', '..');
/** The test fixtures folder. */
export const FIXTURES = join(ROOT, 'test', 'fixtures');

const MARKER = /[ \t]*<!-- expect: ([^>]*?) -->[ \t]*$/;

/** A fixture with its markers stripped and the expectations they carried. */
export interface MarkedFixture {
  readonly text: string;
  /** `line:rule` (1-based line), one entry per expected finding, sorted. */
  readonly expected: string[];
  /** How the file is encoded (the fixtures of file-encoding are GB18030 or UTF-16). */
  readonly encoding: TextEncoding;
}

/**
 * Reads a rule fixture as the CLI reads a file (server/src/shell/encoding.ts: UTF-8, GB18030 or
 * UTF-16; the byte order mark is not part of the text but of the encoding), strips
 * ` <!-- expect: a, b -->` at line ends and records them.
 */
export function readMarkedFixture(path: string): MarkedFixture {
  const decoded = decodeText(readFileSync(path));
  if (!decoded) throw new Error(`${path}: not text in any encoding nianbao reads`);
  const lines = decoded.text.split('\n');
  const expected: string[] = [];
  const clean = lines.map((line, i) => {
    const m = MARKER.exec(line);
    if (!m) return line;
    for (const rule of m[1]!.split(',').map((r) => r.trim()).filter(Boolean)) expected.push(`${i + 1}:${rule}`);
    return line.slice(0, m.index);
  });
  return { text: clean.join('\n'), expected: expected.sort(), encoding: { encoding: decoded.encoding, bom: decoded.bom } };
}

/** `line:rule` of every finding (1-based line of the range start), sorted. */
export function findingKeys(result: CheckResult): string[] {
  return result.findings.map((f) => `${result.report.lines.lineAt(f.range.start) + 1}:${f.rule}`).sort();
}

/** A readable list of findings for assertion messages. */
export function describeFindings(result: CheckResult): string {
  return result.findings
    .map((f: Finding) => `  ${result.report.lines.lineAt(f.range.start) + 1}:${f.rule} ${f.message.zh}`)
    .join('\n');
}

/** Markdown files of a folder, sorted. */
export function markdownFiles(folder: string): string[] {
  return readdirSync(folder)
    .filter((f) => f.endsWith('.md') && f !== 'README.md' && f !== 'EXPECTED.md')
    .sort()
    .map((f) => join(folder, f));
}

/** Checks a text. */
export function check(text: string, options: CheckOptions = {}): CheckResult {
  return checkText(text, options);
}
