/**
 * The previous year's report of the same body, for the rules across reports (rules.md "Across
 * reports": carryover, valid-count-chain). The caller supplies the other reports it can see —
 * the files given to the CLI, or the workspace in the editor.
 */
import type { Report } from '../model/report.js';
import { identityOf, precedes } from './identity.js';

/** Another report the caller can see: how to name it and its model. */
export interface OtherReport {
  /** The file as the caller names it in messages (a path relative to the workspace, or as given). */
  readonly file: string;
  /** Its URI, for related locations in an editor; the file name is used when absent. */
  readonly uri?: string;
  readonly report: Report;
}

/** The previous year's report of the same body among `others`, if exactly one is found first. */
export function findPrevious(current: Report, others: readonly OtherReport[]): OtherReport | undefined {
  const me = identityOf(current);
  if (!me) return undefined;
  return others.find((o) => o.report !== current && precedes(identityOf(o.report), me));
}

/**
 * For each report, the previous year's report of the same body among them (identities are read
 * once, so a thousand reports cost a thousand title reads, not a million).
 */
export function previousReports(reports: readonly OtherReport[]): (OtherReport | undefined)[] {
  const ids = reports.map((r) => identityOf(r.report));
  return ids.map((me, i) => {
    if (!me) return undefined;
    const j = ids.findIndex((id, k) => k !== i && precedes(id, me));
    return j === -1 ? undefined : reports[j];
  });
}
