/**
 * Inline suppressions: HTML comments that turn rules off for part of a draft, as ESLint's
 * `eslint-disable` comments do (rules.md names them `<!-- nianbao-disable … -->`).
 *
 * - `<!-- nianbao-disable id… -->` … `<!-- nianbao-enable id… -->`: the lines from the disable
 *   comment's line up to (not including) the enable comment's line, or to the end of the file;
 * - `<!-- nianbao-disable-line id… -->`: the comment's own line (at the end of a table row too:
 *   grid.ts does not read it as cell text);
 * - `<!-- nianbao-disable-next-line id… -->`: the line after the comment's;
 * - `<!-- nianbao-disable-file id… -->`: the whole file, wherever the comment is. rules.md names
 *   only the `nianbao-disable` prefix, not this spelling; it is markdownlint's
 *   (`<!-- markdownlint-disable-file … -->`), documented in docs/rules/unused-disable.md.
 *
 * Ids are separated by spaces or commas; no id means every rule. A finding is covered by the
 * line its range starts on. A directive (or one of its ids) that covers no finding, and an id
 * that names no rule, is reported by `unused-disable` (as ESLint's
 * `--report-unused-disable-directives`), with a safe fix that removes it. Pure: text in, data out.
 */
import type { LineIndex, TextRange } from './text/lines.js';
import type { Finding, Fix, RuleFinding } from './findings.js';
import { say } from './findings.js';

/** The kind of a directive, as written after `nianbao-`. */
export type DirectiveKind = 'disable' | 'enable' | 'disable-line' | 'disable-next-line' | 'disable-file';

/** One rule id in a directive, with its source range. */
export interface DirectiveId {
  readonly id: string;
  readonly range: TextRange;
}

/** One `<!-- nianbao-… -->` comment. */
export interface Directive {
  readonly kind: DirectiveKind;
  /** The whole comment, `<!--` to `-->`. */
  readonly range: TextRange;
  /** 0-based line of the comment's start. */
  readonly line: number;
  /** Empty: every rule. */
  readonly ids: readonly DirectiveId[];
}

/** A directive comment anywhere in a line (also at the end of a table row). */
const DIRECTIVE = /<!--[ \t]*nianbao-(disable-next-line|disable-line|disable-file|disable|enable)(?=[ \t,]|-->)([^\n]*?)-->/g;
const ID = /[^\s,]+/g;

/** The directives of a text, in document order. A comment spanning lines is not a directive. */
export function findDirectives(text: string, lines: LineIndex): Directive[] {
  const found: Directive[] = [];
  if (!text.includes('nianbao-')) return found;
  DIRECTIVE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DIRECTIVE.exec(text))) {
    const body = m[2]!;
    const bodyStart = m.index + m[0].length - 3 - body.length;
    const ids: DirectiveId[] = [];
    ID.lastIndex = 0;
    let id: RegExpExecArray | null;
    while ((id = ID.exec(body))) ids.push({ id: id[0], range: { start: bodyStart + id.index, end: bodyStart + id.index + id[0].length } });
    found.push({ kind: m[1] as DirectiveKind, range: { start: m.index, end: m.index + m[0].length }, line: lines.lineAt(m.index), ids });
  }
  return found;
}

/** A rule the directive can name, and whether it ran (a directive naming a rule that did not run is not unused). */
export interface SuppressionRules {
  /** Every rule id nianbao has (the registry and the rules across reports). */
  readonly known: ReadonlySet<string>;
  /** The ids of the rules that ran on this text. */
  readonly ran: ReadonlySet<string>;
}

/** What {@link applySuppressions} returns. */
export interface SuppressionResult {
  /** The findings no directive covers. */
  readonly findings: Finding[];
  /** The findings of `unused-disable`. */
  readonly unused: RuleFinding[];
}

interface Cover {
  readonly directive: Directive;
  /** Every rule when undefined. */
  readonly id: DirectiveId | undefined;
  readonly from: number;
  /** Exclusive; Infinity to the end. */
  readonly to: number;
  used: boolean;
}

function coversOf(directives: readonly Directive[]): Cover[] {
  const covers: Cover[] = [];
  const entries = (d: Directive, from: number, to: number) => {
    if (d.ids.length === 0) covers.push({ directive: d, id: undefined, from, to, used: false });
    for (const id of d.ids) covers.push({ directive: d, id, from, to, used: false });
  };
  /** Open `nianbao-disable` blocks: by rule id, or '*' for all. */
  const open: Cover[] = [];
  for (const d of directives) {
    switch (d.kind) {
      case 'disable-line':
        entries(d, d.line, d.line + 1);
        break;
      case 'disable-next-line':
        entries(d, d.line + 1, d.line + 2);
        break;
      case 'disable-file':
        entries(d, 0, Infinity);
        break;
      case 'disable': {
        const before = covers.length;
        entries(d, d.line, Infinity);
        open.push(...covers.slice(before));
        break;
      }
      case 'enable': {
        const names = new Set(d.ids.map((i) => i.id));
        for (let i = open.length - 1; i >= 0; i--) {
          const cover = open[i]!;
          // An enable without ids closes every block; one with ids closes the blocks of those ids.
          if (names.size === 0 || (cover.id !== undefined && names.has(cover.id.id))) {
            (cover as { to: number }).to = d.line;
            open.splice(i, 1);
          }
        }
        break;
      }
    }
  }
  return covers;
}

function removalFix(text: string, range: TextRange, whole: boolean, lines: LineIndex): Fix {
  let { start, end } = range;
  if (whole) {
    const line = lines.lineAt(start);
    const lineStart = lines.lineStart(line);
    const lineEnd = lines.lineEnd(line);
    if (text.slice(lineStart, start).trim() === '' && text.slice(end, lineEnd).trim() === '') {
      // The comment is alone on its line: remove the line with its line break.
      start = lineStart;
      end = lineEnd;
      if (text[end] === '\r') end++;
      if (text[end] === '\n') end++;
      else if (start > 0) {
        // The last line: take the line break before it instead.
        start--;
        if (start > 0 && text[start - 1] === '\r') start--;
      }
    } else {
      while (start > lineStart && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
    }
    return { title: say('删除此指令', 'Remove this directive'), safety: 'safe', edits: [{ range: { start, end }, newText: '' }] };
  }
  // One id among others: with the separator after it, or before it when it is the last id.
  let after = end;
  while (after < text.length && /[ \t,]/.test(text[after]!)) after++;
  if (text.startsWith('-->', after)) {
    while (start > 0 && /[ \t,]/.test(text[start - 1]!)) start--;
  } else {
    end = after;
  }
  return { title: say('从指令中删除此规则', 'Remove this rule from the directive'), safety: 'safe', edits: [{ range: { start, end }, newText: '' }] };
}

/** Filters the findings by the directives of the text and reports the directives that cover nothing. */
export function applySuppressions(text: string, lines: LineIndex, findings: readonly Finding[], rules: SuppressionRules): SuppressionResult {
  const directives = findDirectives(text, lines);
  if (directives.length === 0) return { findings: [...findings], unused: [] };
  const covers = coversOf(directives);
  const kept: Finding[] = [];
  for (const finding of findings) {
    const line = lines.lineAt(finding.range.start);
    let covered = false;
    for (const cover of covers) {
      if (line < cover.from || line >= cover.to) continue;
      if (cover.id !== undefined && cover.id.id !== finding.rule) continue;
      cover.used = true;
      covered = true;
    }
    if (!covered) kept.push(finding);
  }
  const unused: RuleFinding[] = [];
  for (const d of directives) {
    if (d.kind === 'enable') {
      const unknown = d.ids.filter((i) => !rules.known.has(i.id));
      // Every id unknown: remove the whole comment (without its ids it would enable every rule).
      if (unknown.length > 0 && unknown.length === d.ids.length) {
        unused.push({ range: d.range, message: say(`无效的 nianbao-enable 指令：${unknown.map((u) => `「${u.id}」`).join('、')}不是规则名称`, `Invalid nianbao-enable directive: ${unknown.map((u) => `'${u.id}'`).join(', ')} ${unknown.length === 1 ? 'is not a rule id' : 'are not rule ids'}`), fixes: [removalFix(text, d.range, true, lines)] });
      } else {
        for (const id of unknown) unused.push(unknownId(text, lines, d, id));
      }
      continue;
    }
    const own = covers.filter((c) => c.directive === d);
    const name = `nianbao-${d.kind}`;
    if (d.ids.length === 0) {
      if (!own[0]!.used) unused.push({ range: d.range, message: say(`未使用的 ${name} 指令：它没有屏蔽任何问题`, `Unused ${name} directive: it suppresses no finding`), fixes: [removalFix(text, d.range, true, lines)] });
      continue;
    }
    const bad = own.filter((c) => !rules.known.has(c.id!.id) || (!c.used && rules.ran.has(c.id!.id)));
    if (bad.length === 0) continue;
    if (bad.length === own.length) {
      const unknown = bad.filter((c) => !rules.known.has(c.id!.id)).map((c) => c.id!.id);
      const names = bad.map((c) => c.id!.id).join('、');
      const message =
        unknown.length > 0
          ? say(`无效的 ${name} 指令：${unknown.map((u) => `「${u}」`).join('、')}不是规则名称${unknown.length < bad.length ? '，其余规则在此没有问题可屏蔽' : ''}`, `Invalid ${name} directive: ${unknown.map((u) => `'${u}'`).join(', ')} ${unknown.length === 1 ? 'is not a rule id' : 'are not rule ids'}${unknown.length < bad.length ? '; the other rules have no finding to suppress here' : ''}`)
          : say(`未使用的 ${name} 指令：${names} 在此没有问题可屏蔽`, `Unused ${name} directive: ${bad.map((c) => c.id!.id).join(', ')} has no finding to suppress here`);
      unused.push({ range: d.range, message, fixes: [removalFix(text, d.range, true, lines)] });
      continue;
    }
    for (const cover of bad) {
      const id = cover.id!;
      if (!rules.known.has(id.id)) unused.push(unknownId(text, lines, d, id));
      else unused.push({ range: id.range, message: say(`未使用的 ${name} 指令：${id.id} 在此没有问题可屏蔽`, `Unused ${name} directive: ${id.id} has no finding to suppress here`), fixes: [removalFix(text, id.range, false, lines)] });
    }
  }
  return { findings: kept, unused };
}

function unknownId(text: string, lines: LineIndex, d: Directive, id: DirectiveId): RuleFinding {
  const name = `nianbao-${d.kind}`;
  const whole = d.ids.length === 1;
  return {
    range: id.range,
    message: say(`无效的 ${name} 指令：「${id.id}」不是规则名称`, `Invalid ${name} directive: '${id.id}' is not a rule id`),
    fixes: [removalFix(text, whole ? d.range : id.range, whole, lines)],
  };
}
