/**
 * Applying fixes: edits sorted and applied bottom-up, never two that overlap, so the text
 * outside the edited ranges is never changed. Fix-all applies safe fixes only and checks again
 * until nothing safe is left (a fixpoint), as markdownlint and ESLint do.
 */
import { checkText, type CheckOptions, type CheckResult } from '../check.js';
import type { TextRange } from '../text/lines.js';
import type { Finding, Fix, FixScope, TextEdit } from '../findings.js';

function overlaps(a: TextRange, b: TextRange): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end;
}

/** Applies non-overlapping edits to a text. Throws if two edits overlap. Linear in the text and the edits. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  for (let i = 1; i < sorted.length; i++) {
    if (overlaps(sorted[i]!.range, sorted[i - 1]!.range)) throw new Error('overlapping edits');
  }
  // Pieces joined once: slicing the whole text per edit was quadratic in the edits (issue 18).
  const pieces: string[] = [];
  let at = 0;
  for (const edit of sorted) {
    if (edit.range.start < at || edit.range.end > text.length || edit.range.start > edit.range.end) throw new Error('edit outside the text');
    pieces.push(text.slice(at, edit.range.start), edit.newText);
    at = edit.range.end;
  }
  pieces.push(text.slice(at));
  return pieces.join('');
}

/** Ranges taken so far, disjoint and sorted by start then end: whether a range overlaps one in about logarithmic time. */
class TakenRanges {
  private readonly ranges: TextRange[] = [];

  /** The index of the first range at or after `range` in (start, end) order. */
  private indexOf(range: TextRange): number {
    let lo = 0;
    let hi = this.ranges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const at = this.ranges[mid]!;
      if (at.start < range.start || (at.start === range.start && at.end < range.end)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Whether `range` overlaps a taken range: only the ones around its place can. */
  clashes(range: TextRange): boolean {
    const i = this.indexOf(range);
    for (let j = i - 1; j >= 0 && this.ranges[j]!.end >= range.start; j--) if (overlaps(range, this.ranges[j]!)) return true;
    for (let j = i; j < this.ranges.length && this.ranges[j]!.start <= range.end; j++) if (overlaps(range, this.ranges[j]!)) return true;
    return false;
  }

  add(range: TextRange): void {
    this.ranges.splice(this.indexOf(range), 0, range);
  }
}

/** Picks fixes whose edits overlap neither each other nor a fix picked before, in document order. */
export function selectFixes(fixes: readonly Fix[]): Fix[] {
  const taken = new TakenRanges();
  const chosen: Fix[] = [];
  for (const fix of fixes) {
    const ranges = fix.edits.map((e) => e.range);
    const clash = ranges.some((r, i) => taken.clashes(r) || ranges.some((o, j) => j < i && overlaps(r, o)));
    if (clash) continue;
    for (const range of ranges) taken.add(range);
    chosen.push(fix);
  }
  return chosen;
}

/** The safe fixes of some findings, one per finding (its first safe fix); with `inPlace`, only those that correct text in place. */
export function safeFixes(findings: readonly Finding[], scope: FixScope = 'all'): Fix[] {
  return findings.flatMap((f) => f.fixes.filter((fix) => fix.safety === 'safe' && (scope === 'all' || fix.inPlace === true)).slice(0, 1));
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
 * Applies safe fixes (with `inPlace`, only those correcting text in place: what a save applies)
 * and re-checks until no such fix is left. Starts from a check the caller
 * already has (`checked`, of the text to fix) and re-checks with the same options, so fix-all
 * sees what the check saw: a rule turned off stays off, a forced format stays forced.
 */
export function fixAll(checked: CheckResult, options: CheckOptions = {}, scope: FixScope = 'all'): FixAllResult {
  const rounds: FixRound[] = [];
  let result = checked;
  let current = checked.report.text;
  let applied = 0;
  for (let round = 0; round < MAX_FIX_ROUNDS; round++) {
    if (round > 0) result = checkText(current, options);
    const fixes = selectFixes(safeFixes(result.findings, scope));
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
