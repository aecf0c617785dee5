/**
 * The output formats of `nianbao check` for continuous integration: SARIF 2.1.0 (GitHub code
 * scanning and other viewers), GitHub Actions workflow commands (annotations on the pull
 * request), and JUnit XML (test report viewers).
 */
import { forTerminal } from '../shell/terminal-text.js';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { version } from '../../../package.json';
import { localize, RULES, type Language, type Severity } from '../core/index.js';
import type { FileResult } from './output.js';

/** What a rule is, for SARIF's `tool.driver.rules`. */
interface RuleInfo {
  readonly id: string;
  readonly defaultSeverity: Severity;
  readonly description: { readonly zh: string; readonly en: string };
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** The directory holding `docs/rules/` of this installation (the package root), if it ships them. */
function docsRoot(): string | undefined {
  let directory = __dirname;
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(directory, 'docs', 'rules', 'README.md'))) return directory;
    const parent = dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  return undefined;
}

/** A path relative to the working directory as a URI reference (forward slashes, percent-encoded). */
function relativeUri(path: string): string {
  return path.split(sep).join('/').split('/').map(encodeURIComponent).join('/');
}

/**
 * The SARIF 2.1.0 log of a run. Locations are relative to `%SRCROOT%`, the working directory
 * (given in `originalUriBaseIds`), so code scanning resolves them against the checkout; a file
 * outside it gets an absolute `file:` URI. Columns count code points (`columnKind`). Each
 * rule's `helpUri` is the `file:` URI of its page in this installation (`docs/rules/<id>.md`):
 * SARIF requires an absolute URI there, and the package names no public address yet; `help`
 * carries the description, so a viewer without the file still shows what the rule checks.
 * A finding with a safe fix carries it as SARIF `fixes` (the replacements `--fix` would make).
 */
export function formatSarif(results: readonly FileResult[], locale: Language, cwd: string = process.cwd()): string {
  const rules: RuleInfo[] = [...RULES];
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const root = docsRoot();
  const srcroot = pathToFileURL(cwd).href.replace(/\/?$/, '/');
  const results_: unknown[] = [];
  for (const result of results) {
    const outside = isAbsolute(result.file) || result.file === '..' || result.file.startsWith(`..${sep}`) || result.file.startsWith('../');
    const artifactLocation = outside ? { uri: pathToFileURL(resolve(cwd, result.file)).href } : { uri: relativeUri(result.file), uriBaseId: '%SRCROOT%' };
    result.findings.forEach((finding, i) => {
      const fix = result.fixes?.[i];
      let ruleIndex = index.get(finding.rule);
      if (ruleIndex === undefined) {
        ruleIndex = rules.length;
        rules.push({ id: finding.rule, defaultSeverity: finding.severity, description: { zh: finding.rule, en: finding.rule } });
        index.set(finding.rule, ruleIndex);
      }
      results_.push({
        ruleId: finding.rule,
        ruleIndex,
        level: SARIF_LEVEL[finding.severity],
        message: { text: finding.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation,
              region: { startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: finding.endColumn },
            },
          },
        ],
        ...(fix
          ? {
              fixes: [
                {
                  description: { text: fix.title },
                  artifactChanges: [
                    {
                      artifactLocation,
                      replacements: fix.edits.map((e) => ({
                        deletedRegion: { startLine: e.startLine, startColumn: e.startColumn, endLine: e.endLine, endColumn: e.endColumn },
                        insertedContent: { text: e.text },
                      })),
                    },
                  ],
                },
              ],
            }
          : {}),
        ...(finding.fixable ? { properties: { fixable: finding.fixable } } : {}),
      });
    });
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'nianbao',
            semanticVersion: version,
            rules: rules.map((rule) => {
              const page = root === undefined ? undefined : join(root, 'docs', 'rules', `${rule.id}.md`);
              const text = localize(rule.description, locale);
              return {
                id: rule.id,
                shortDescription: { text },
                fullDescription: { text: `${rule.description.zh} / ${rule.description.en}` },
                ...(page !== undefined && existsSync(page) ? { helpUri: pathToFileURL(page).href } : {}),
                help: { text: `${rule.description.zh}\n${rule.description.en}\n(docs/rules/${rule.id}.md)` },
                defaultConfiguration: { level: SARIF_LEVEL[rule.defaultSeverity] },
              };
            }),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: srcroot } },
        columnKind: 'unicodeCodePoints',
        results: results_,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

/** GitHub's escaping of a workflow command's message. */
function escapeData(text: string): string {
  return forTerminal(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** GitHub's escaping of a workflow command's property value. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const GITHUB_COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** GitHub Actions workflow commands: one `::error file=…,line=…::message` line per finding. */
export function formatGithub(results: readonly FileResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
    const file = escapeProperty(result.file.split(sep).join('/'));
    for (const f of result.findings) {
      lines.push(
        `::${GITHUB_COMMAND[f.severity]} file=${file},line=${f.line},col=${f.column},endLine=${f.endLine},endColumn=${f.endColumn},title=${escapeProperty(f.rule)}::${escapeData(f.message)}`,
      );
    }
  }
  return lines.map((l) => `${l}\n`).join('');
}

/** Text as XML character data or an attribute value: markup escaped, characters XML 1.0 cannot hold dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * JUnit XML: one `<testsuite>` per checked file, one failing `<testcase>` per finding (named
 * by rule and position); a file without findings has one passing test case, so it still shows.
 */
export function formatJunit(results: readonly FileResult[]): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const total = results.reduce((n, r) => n + Math.max(1, r.findings.length), 0);
  const failures = results.reduce((n, r) => n + r.findings.length, 0);
  out.push(`<testsuites name="nianbao" tests="${total}" failures="${failures}" errors="0">`);
  for (const result of results) {
    const file = escapeXml(result.file.split(sep).join('/'));
    const count = result.findings.length;
    out.push(`  <testsuite name="${file}" tests="${Math.max(1, count)}" failures="${count}" errors="0" skipped="0">`);
    if (count === 0) out.push(`    <testcase classname="${file}" name="nianbao"/>`);
    for (const f of result.findings) {
      const position = `${f.line}:${f.column}`;
      out.push(`    <testcase classname="${file}" name="${escapeXml(`${f.rule} (${position})`)}">`);
      out.push(`      <failure type="${escapeXml(f.severity)}" message="${escapeXml(f.message)}">${escapeXml(`${f.severity} ${f.rule} ${result.file}:${position}-${f.endLine}:${f.endColumn}\n${f.message}`)}</failure>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n');
}
