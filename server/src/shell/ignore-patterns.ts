/**
 * Ignore patterns (gitignore syntax: a config's `ignore`, `.gitignore`, `.nianbaoignore`) checked
 * one by one before use (issue 18): the `ignore` package compiles each into a regular
 * expression, and one of about 40,000 characters is too large to compile, which stopped every
 * check. A pattern longer than {@link MAX_IGNORE_PATTERN_LENGTH}, or one that does not compile,
 * is left out with a message naming its line; the others apply.
 */
import ignore from 'ignore';

/** The longest pattern used: real ones are tens of characters. */
export const MAX_IGNORE_PATTERN_LENGTH = 1000;

/** A pattern left out, and why (Chinese / English). */
export interface PatternProblem {
  /** 1-based line of the pattern in its file. */
  readonly line: number;
  readonly message: string;
}

/** A pattern as read, with its line. */
export interface PatternLine {
  readonly text: string;
  readonly line: number;
}

/** Why one pattern cannot be used, or undefined when it can. */
function problemOf(pattern: string): string | undefined {
  if (pattern.length > MAX_IGNORE_PATTERN_LENGTH) {
    return `忽略模式长 ${pattern.length} 个字符（上限 ${MAX_IGNORE_PATTERN_LENGTH} 个），已忽略这一模式 / the ignore pattern is ${pattern.length} characters long (the limit is ${MAX_IGNORE_PATTERN_LENGTH}); this pattern is ignored`;
  }
  try {
    // The package compiles a pattern when it first tests a path.
    ignore().add(pattern).ignores('a');
    return undefined;
  } catch (error) {
    const detail = (error as Error).message.slice(0, 80);
    return `无法解析忽略模式（${detail}），已忽略这一模式 / the ignore pattern cannot be read (${detail}); this pattern is ignored`;
  }
}

/** The patterns that can be used, and a problem for each that cannot. Linear in their length. */
export function usablePatterns(lines: readonly PatternLine[]): { patterns: string[]; problems: PatternProblem[] } {
  const patterns: string[] = [];
  const problems: PatternProblem[] = [];
  for (const { text, line } of lines) {
    const problem = problemOf(text);
    if (problem) problems.push({ line, message: problem });
    else patterns.push(text);
  }
  return { patterns, problems };
}

/** The pattern lines of an ignore file (blank lines and `#` comments left out). */
export function ignoreFileLines(text: string): PatternLine[] {
  const lines: PatternLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '' || raw.startsWith('#')) return;
    lines.push({ text: raw, line: i + 1 });
  });
  return lines;
}
