/**
 * The other reports the editor can see, for the checks across reports (issue 5): the Markdown
 * files inside the workspace folders (never outside them), read from disk (in UTF-8, GB18030 or
 * UTF-16, as the CLI reads them) and cached by modification time, with open documents read
 * from the editor instead.
 */
import { readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildReport, identityOf, sameBody, type OtherReport, type Report, type ReportIdentity } from '../core/index.js';
import { decodeText } from '../shell/encoding.js';
import { IgnoreRules, walkMarkdown } from '../shell/walk.js';

/** Files looked at per workspace folder at most, and how deep. */
export const MAX_FILES = 5000;
const MAX_DEPTH = 8;
/** The head of a file read to learn its title and year. */
const HEAD_BYTES = 4096;

interface Entry {
  readonly mtimeMs: number;
  readonly identity: ReportIdentity | undefined;
  report?: Report;
}

/** Reports in the workspace folders, looked up by issuing body and year. */
export class WorkspaceReports {
  private readonly entries = new Map<string, Entry>();
  private listing: string[] | undefined;

  constructor(
    private readonly folders: () => readonly string[],
    private readonly openText: (uri: string) => string | undefined,
  ) {}

  /** Forgets what is known of a file (it changed on disk or in the editor), or of all files. */
  invalidate(uri?: string): void {
    if (uri === undefined) {
      this.entries.clear();
      this.listing = undefined;
    } else {
      this.entries.delete(uri);
      if (this.listing && !this.listing.includes(uri) && uri.endsWith('.md')) this.listing = undefined;
    }
  }

  /** The previous year's report of the same body as `report`, if the workspace has one. */
  previousOf(uri: string, report: Report): OtherReport | undefined {
    const me = identityOf(report);
    if (!me) return undefined;
    for (const other of this.files()) {
      if (other === uri) continue;
      const entry = this.entry(other);
      const id = entry?.identity;
      if (!entry || !id || id.year !== me.year - 1 || !sameBody(id.body, me.body)) continue;
      const text = this.openText(other) ?? this.read(other);
      if (text === undefined) continue;
      entry.report ??= buildReport(text);
      return { file: this.display(other), uri: other, report: entry.report };
    }
    return undefined;
  }

  /** Whether a report of `identity` would be the previous year's report of an open document's report. */
  static precedes(identity: ReportIdentity | undefined, of: ReportIdentity | undefined): boolean {
    return identity !== undefined && of !== undefined && identity.year === of.year - 1 && sameBody(identity.body, of.body);
  }

  private files(): string[] {
    if (!this.listing) {
      const found: string[] = [];
      for (const folder of this.folders()) {
        if (!folder.startsWith('file:')) continue;
        try {
          // The CLI's walk (server/src/shell/walk.ts): the same skipped directories and ignore
          // files (.gitignore, .nianbaoignore), read from the workspace folder down.
          const root = fileURLToPath(folder);
          const left = MAX_FILES - found.length;
          if (left > 0) found.push(...walkMarkdown(root, { ignore: new IgnoreRules(root), maxDepth: MAX_DEPTH, maxFiles: left }));
        } catch {
          // A folder that cannot be read has no reports to offer.
        }
      }
      this.listing = found.map((path) => pathToFileURL(path).toString());
    }
    return this.listing;
  }

  private entry(uri: string): Entry | undefined {
    const open = this.openText(uri);
    let mtimeMs = -1;
    if (open === undefined) {
      try {
        mtimeMs = statSync(fileURLToPath(uri)).mtimeMs;
      } catch {
        return undefined;
      }
    }
    const cached = this.entries.get(uri);
    if (cached && cached.mtimeMs === mtimeMs && mtimeMs !== -1) return cached;
    const head = open ?? this.read(uri, HEAD_BYTES);
    if (head === undefined) return undefined;
    const entry: Entry = { mtimeMs, identity: identityOf(buildReport(head.slice(0, HEAD_BYTES))) };
    this.entries.set(uri, entry);
    return entry;
  }

  private read(uri: string, bytes?: number): string | undefined {
    try {
      const data = readFileSync(fileURLToPath(uri));
      const head = bytes !== undefined && data.length > bytes;
      return decodeText(head ? data.subarray(0, bytes) : data, head)?.text;
    } catch {
      return undefined;
    }
  }

  private display(uri: string): string {
    const path = fileURLToPath(uri);
    for (const folder of this.folders()) {
      if (!folder.startsWith('file:')) continue;
      const root = fileURLToPath(folder);
      const rel = relative(root, path);
      if (!rel.startsWith('..')) return rel;
    }
    return path;
  }
}
