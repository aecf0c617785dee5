/**
 * One analysis per document version: the report model is built once and checked once; every
 * feature (diagnostics, code actions, hover, outline, status) reads the same result.
 */
import { buildReport, checkReport, identityOfText, type CheckOptions, type CheckResult, type FormatId, type LineIndex, type OtherReport, type Report } from '../core/index.js';
import { GlobCache, type GlobProblem } from './globs.js';
import { Collector } from './memory.js';
import type { Settings } from './settings.js';

/** A checked document. */
export interface Analysis {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  /** `contentHash(text)`: diagnostic data carries it, so a reused version number is caught. */
  readonly hash: string;
  /** A 政府信息公开工作年度报告 (by its title or structure, or the `files` setting). */
  readonly isReport: boolean;
  readonly result: CheckResult;
  /** The options `result` was checked with (settings and last year's report): fix-all takes the same. */
  readonly options: CheckOptions;
  readonly settings: Settings;
  /** The URI of the previous year's report it was checked against, if any. */
  readonly previous: string | undefined;
  /** The lines of that report, to place related locations in it. */
  readonly previousLines: LineIndex | undefined;
  /**
   * Set when the text is above `nianbao.maxFileSize` and was not checked: `result` is then the
   * empty document's, and `looksLikeReport` says whether its beginning reads as a report.
   */
  readonly tooLarge?: { readonly size: number; readonly limit: number; readonly looksLikeReport: boolean };
}

/**
 * A hash of a document's text, to tell two texts under one version number apart (a client's
 * mistake, not an attack): two 32-bit multiply–xorshift lanes over its UTF-16 code units
 * (cyrb53's mixing) and its length. Pure JavaScript, the same in Node and in a browser.
 */
export function contentHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${(h1 >>> 0).toString(36)}.${(h2 >>> 0).toString(36)}.${text.length.toString(36)}`;
}

/** The length of a text in UTF-8 bytes (a lone surrogate counts as the three bytes of U+FFFD, as an encoder writes it). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The size cap of `nianbao.maxFileSize`, in bytes. */
export function maxBytes(settings: Settings): number {
  return Math.floor(settings.maxFileSize * 1024 * 1024);
}

/**
 * Analyses kept at once. A report model is a few hundred kilobytes, and a reviewer may open
 * hundreds of reports: the least recently used ones are dropped and rebuilt on demand.
 */
export const ANALYSIS_CACHE_SIZE = 24;

/** The head of a document too large to check, read to tell whether it is a report. */
const HEAD_CHARS = 4096;

interface Pending {
  readonly version: number;
  readonly text: string;
  readonly settings: Settings;
  readonly promise: Promise<Analysis>;
}

/** Caches the analysis of recently used documents by version and settings. */
export class Analyses {
  private readonly cache = new Map<string, Analysis>();
  /** Analyses waiting for last year's report from disk: one per document and text. */
  private readonly pending = new Map<string, Pending>();
  /** Bumped when a document is forgotten, so an analysis started before is not cached after. */
  private readonly epochs = new Map<string, number>();
  private epoch = 0;
  /** The start order of analyses, and per document that of the one cached: an older one finishing later is not cached over it. */
  private started = 0;
  private readonly cachedStart = new Map<string, number>();
  /** The compiled `files` globs, until the settings change. */
  readonly globs: GlobCache;
  private readonly collector: Collector;

  /** @param collectGarbage the host's full collection (host.ts), run after every so many new documents. */
  constructor(reportGlob?: (problem: GlobProblem) => void, collectGarbage?: () => void) {
    this.globs = new GlobCache(reportGlob);
    this.collector = new Collector(collectGarbage);
  }

  /** The analysis of a text, reusing the cached one when nothing changed. */
  async analyse(
    uri: string,
    version: number,
    text: string,
    settings: Settings,
    folders: readonly string[],
    previousOf: (report: Report) => Promise<OtherReport | undefined> | OtherReport | undefined = () => undefined,
  ): Promise<Analysis> {
    const cached = this.cache.get(uri);
    if (cached && cached.version === version && cached.text === text && cached.settings === settings) {
      this.cache.delete(uri);
      this.cache.set(uri, cached);
      return cached;
    }
    const pending = this.pending.get(uri);
    if (pending && pending.version === version && pending.text === text && pending.settings === settings) return pending.promise;
    if (!cached) this.collector.analysedOne();
    const epoch = this.epochs.get(uri) ?? this.epoch;
    const start = ++this.started;
    const promise = this.compute(uri, version, text, settings, folders, previousOf).then((analysis) => {
      if (this.pending.get(uri)?.promise === promise) this.pending.delete(uri);
      if ((this.epochs.get(uri) ?? this.epoch) === epoch && start > (this.cachedStart.get(uri) ?? 0)) {
        this.cachedStart.set(uri, start);
        this.remember(analysis);
      }
      return analysis;
    });
    promise.catch(() => {
      if (this.pending.get(uri)?.promise === promise) this.pending.delete(uri);
    });
    this.pending.set(uri, { version, text, settings, promise });
    return promise;
  }

  private async compute(
    uri: string,
    version: number,
    text: string,
    settings: Settings,
    folders: readonly string[],
    previousOf: (report: Report) => Promise<OtherReport | undefined> | OtherReport | undefined,
  ): Promise<Analysis> {
    const hash = contentHash(text);
    const matches = (): boolean => settings.files.length > 0 && this.globs.get(settings.files).matches(uri, folders);
    const size = utf8Length(text);
    const limit = maxBytes(settings);
    if (size > limit) {
      // Not checked at all: the parse of a huge text would hold every other request up.
      const head = text.slice(0, HEAD_CHARS);
      const looksLikeReport = identityOfText(head) !== undefined || buildReport(head).isAnnualReport || matches();
      const result: CheckResult = { report: buildReport(''), findings: [], failures: [] };
      const options: CheckOptions = settings.format === 'auto' ? {} : { format: settings.format };
      return {
        uri,
        version,
        text,
        hash,
        isReport: false,
        result,
        options,
        settings,
        previous: undefined,
        previousLines: undefined,
        tooLarge: { size, limit, looksLikeReport },
      };
    }
    const report = buildReport(text);
    const format: FormatId | undefined = settings.format === 'auto' ? undefined : settings.format;
    const isReport = report.isAnnualReport || matches();
    const previous = isReport ? await previousOf(report) : undefined;
    const options: CheckOptions = { rules: settings.rules, ...(format ? { format } : {}), ...(previous ? { previous } : {}) };
    const result = checkReport(report, options);
    return { uri, version, text, hash, isReport, result, options, settings, previous: previous?.uri, previousLines: previous?.report.lines };
  }

  private remember(analysis: Analysis): void {
    this.cache.delete(analysis.uri);
    this.cache.set(analysis.uri, analysis);
    if (this.cache.size > ANALYSIS_CACHE_SIZE) {
      const oldest = this.cache.keys().next().value!;
      this.cache.delete(oldest);
      this.cachedStart.delete(oldest);
    }
  }

  /** The last analysis of a document, if any. */
  get(uri: string): Analysis | undefined {
    return this.cache.get(uri);
  }

  /** Forgets a document (an analysis of it still running is not kept). */
  delete(uri: string): void {
    this.cache.delete(uri);
    this.cachedStart.delete(uri);
    this.pending.delete(uri);
    this.epochs.set(uri, ++this.epoch);
  }

  /** The documents whose last analysis used `uri` as the previous year's report. */
  dependentsOf(uri: string): string[] {
    return [...this.cache.values()].filter((a) => a.previous === uri).map((a) => a.uri);
  }

  /** Every cached analysis. */
  all(): Analysis[] {
    return [...this.cache.values()];
  }

  /** Forgets everything (settings changed), the compiled globs too. */
  clear(): void {
    this.cache.clear();
    this.cachedStart.clear();
    this.pending.clear();
    this.epochs.clear();
    this.epoch++;
    this.globs.clear();
  }
}
