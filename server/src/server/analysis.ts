/**
 * One analysis per document version: the report model is built once and checked once; every
 * feature (diagnostics, code actions, hover, outline, status) reads the same result.
 */
import { minimatch } from 'minimatch';
import { URI } from './uri.js';
import { buildReport, checkReport, type CheckResult, type FormatId, type LineIndex, type OtherReport, type Report } from '../core/index.js';
import { analysedOne } from './memory.js';
import type { Settings } from './settings.js';

/** A checked document. */
export interface Analysis {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  /** A 政府信息公开工作年度报告 (by its title or structure, or the `files` setting). */
  readonly isReport: boolean;
  readonly result: CheckResult;
  readonly settings: Settings;
  /** The URI of the previous year's report it was checked against, if any. */
  readonly previous: string | undefined;
  /** The lines of that report, to place related locations in it. */
  readonly previousLines: LineIndex | undefined;
}

/**
 * Whether a document path matches one of the `nianbao.files` globs: relative to a workspace
 * folder, absolute, or — for a relative glob and a file outside any folder — anywhere in its path.
 */
export function matchesFiles(uri: string, globs: readonly string[], folders: readonly string[]): boolean {
  if (globs.length === 0) return false;
  const path = URI.path(uri);
  for (const glob of globs) {
    if (minimatch(path, glob, { dot: true, matchBase: !glob.includes('/') })) return true;
    for (const folder of folders) {
      const root = URI.path(folder).replace(/\/$/, '');
      if (path.startsWith(`${root}/`) && minimatch(path.slice(root.length + 1), glob, { dot: true })) return true;
    }
    const inFolder = folders.some((folder) => path.startsWith(`${URI.path(folder).replace(/\/$/, '')}/`));
    if (!glob.startsWith('/') && !inFolder && minimatch(path, `**/${glob}`, { dot: true })) return true;
  }
  return false;
}

/**
 * Analyses kept at once. A report model is a few hundred kilobytes, and a reviewer may open
 * hundreds of reports: the least recently used ones are dropped and rebuilt on demand.
 */
export const ANALYSIS_CACHE_SIZE = 24;

/** Caches the analysis of recently used documents by version and settings. */
export class Analyses {
  private readonly cache = new Map<string, Analysis>();

  /** The analysis of a text, reusing the cached one when nothing changed. */
  analyse(
    uri: string,
    version: number,
    text: string,
    settings: Settings,
    folders: readonly string[],
    previousOf: (report: Report) => OtherReport | undefined = () => undefined,
  ): Analysis {
    const cached = this.cache.get(uri);
    if (cached && cached.version === version && cached.text === text && cached.settings === settings) {
      this.cache.delete(uri);
      this.cache.set(uri, cached);
      return cached;
    }
    if (!cached) analysedOne();
    const report = buildReport(text);
    const format: FormatId | undefined = settings.format === 'auto' ? undefined : settings.format;
    const isReport = report.isAnnualReport || matchesFiles(uri, settings.files, folders);
    const previous = isReport ? previousOf(report) : undefined;
    const result = checkReport(report, { rules: settings.rules, ...(format ? { format } : {}), ...(previous ? { others: [previous] } : {}) });
    const analysis: Analysis = { uri, version, text, isReport, result, settings, previous: previous?.uri, previousLines: previous?.report.lines };
    this.cache.delete(uri);
    this.cache.set(uri, analysis);
    if (this.cache.size > ANALYSIS_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return analysis;
  }

  /** The last analysis of a document, if any. */
  get(uri: string): Analysis | undefined {
    return this.cache.get(uri);
  }

  /** Forgets a document. */
  delete(uri: string): void {
    this.cache.delete(uri);
  }

  /** The documents whose last analysis used `uri` as the previous year's report. */
  dependentsOf(uri: string): string[] {
    return [...this.cache.values()].filter((a) => a.previous === uri).map((a) => a.uri);
  }

  /** Every cached analysis. */
  all(): Analysis[] {
    return [...this.cache.values()];
  }

  /** Forgets everything (settings changed). */
  clear(): void {
    this.cache.clear();
  }
}
