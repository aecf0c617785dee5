/**
 * Applying fixes: edits sorted and applied bottom-up, never two that overlap, so the text
 * outside the edited ranges is never changed. Fix-all applies safe fixes only and checks again
 * until nothing safe is left (a fixpoint), as markdownlint and ESLint do.
 */
import { checkText, type CheckOptions, type CheckResult } from '../check.js';
import type { TextRange } from '../text/lines.js';
import type { Finding, Fix, TextEdit } from '../findings.js';

function overlaps(a: TextRange, b: TextRange): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end;
}

/** Applies non-overlapping edits to a text. Throws if two edits overlap. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.range.start - a.range.start || b.range.end - a.range.end);
  for (let i = 1; i < sorted.length; i++) {
    if (overlaps(sorted[i]!.range, sorted[i - 1]!.range)) throw new Error('overlapping edits');
  }
  let out = text;
  for (const edit of sorted) {
    if (edit.range.start < 0 || edit.range.end > out.length || edit.range.start > edit.range.end) throw new Error('edit outside the text');
    out = out.slice(0, edit.range.start) + edit.newText + out.slice(edit.range.end);
  }
  return out;
}

/** Picks fixes whose edits overlap neither each other nor a fix picked before, in document order. */
export function selectFixes(fixes: readonly Fix[]): Fix[] {
  const taken: TextRange[] = [];
  const chosen: Fix[] = [];
  for (const fix of fixes) {
    const ranges = fix.edits.map((e) => e.range);
    const clash = ranges.some((r, i) => taken.some((t) => overlaps(r, t)) || ranges.some((o, j) => j < i && overlaps(r, o)));
    if (clash) continue;
    taken.push(...ranges);
    chosen.push(fix);
  }
  return chosen;
}

/** The safe fixes of some findings, one per finding (its first safe fix). */
export function safeFixes(findings: readonly Finding[]): Fix[] {
  return findings.flatMap((f) => f.fixes.filter((fix) => fix.safety === 'safe').slice(0, 1));
}

/** One round of fix-all: which edits were applied to which text. */
export interface FixRound {
  readonly before: string;
  readonly edits: readonly TextEdit[];
}

/** The outcome of {@link fixAll}. */
export interface FixAllResult {
  readonly text: string;
  readonly rounds: readonly FixRound[];
  /** Number of fixes applied over all rounds. */
  readonly applied: number;
  /** The check of `text` with the same options (the given result when nothing was fixed). */
  readonly result: CheckResult;
}

/** The most rounds fix-all runs; a fix that re-creates its own finding cannot loop forever. */
export const MAX_FIX_ROUNDS = 10;

/**
 * Applies safe fixes and re-checks until no safe fix is left. Starts from a check the caller
 * already has (`checked`, of the text to fix) and re-checks with the same options, so fix-all
 * sees what the check saw: a rule turned off stays off, a forced format stays forced.
 */
export function fixAll(checked: CheckResult, options: CheckOptions = {}): FixAllResult {
  const rounds: FixRound[] = [];
  let result = checked;
  let current = checked.report.text;
  let applied = 0;
  for (let round = 0; round < MAX_FIX_ROUNDS; round++) {
    if (round > 0) result = checkText(current, options);
    const fixes = selectFixes(safeFixes(result.findings));
    if (fixes.length === 0) return { text: current, rounds, applied, result };
    const edits = fixes.flatMap((f) => f.edits);
    const next = applyEdits(current, edits);
    if (next === current) return { text: current, rounds, applied, result };
    rounds.push({ before: current, edits });
    applied += fixes.length;
    current = next;
  }
  return { text: current, rounds, applied, result: checkText(current, options) };
}

/** Reads, checks and fixes a text: {@link fixAll} when there is no check to start from. */
export function fixText(text: string, options: CheckOptions = {}): FixAllResult {
  return fixAll(checkText(text, options), options);
}
