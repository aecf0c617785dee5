/**
 * The other reports the editor can see, for the checks across reports (issue 5): the Markdown
 * files inside the workspace folders (never outside them), read through the host (`host.ts`: the
 * disk in Node, the client's `workspace.fs` in a browser; in UTF-8, GB18030 or UTF-16, as the CLI
 * reads them) and cached by modification time, with open documents read from the editor instead.
 * A workspace is untrusted input (issue 14): every read is of a regular file, asynchronous and
 * capped, so a `.md` that is a FIFO, a device such as `/dev/zero` behind a symlink, or a file
 * above `nianbao.maxFileSize` is skipped (and named once in the output), never read whole or
 * waited on.
 */
import { buildReport, identityOf, precedes, type OtherReport, type Report, type ReportIdentity } from '../core/index.js';
import { decodeText } from '../shell/decode-text.js';
import type { IgnoreFileProblem } from '../shell/ignore-rules.js';
import { DEFAULT_MAX_FILE_BYTES, type ReadRefusal } from '../shell/read-refusal.js';
import type { ServerFiles } from './host.js';

/** Files looked at per workspace folder at most, and how deep. */
export const MAX_FILES = 5000;
const MAX_DEPTH = 8;
/** The head of a file read to learn its title and year. */
const HEAD_BYTES = 4096;
/** Files looked up at once. */
const LOOKUP_BATCH = 32;

interface Entry {
  readonly mtimeMs: number;
  readonly size: number;
  readonly identity: ReportIdentity | undefined;
  /** Of an open document: the beginning its identity was read from (the same again, the same identity). */
  readonly head?: string;
  report?: Report;
}

/** Reports in the workspace folders, looked up by issuing body and year. */
export class WorkspaceReports {
  private readonly entries = new Map<string, Entry>();
  private listing: Promise<string[]> | undefined;
  /** The listing, once it is in. */
  private listed: string[] | undefined;
  /** The refusal last named in the output per file, so each is named once, not per check. */
  private readonly reported = new Map<string, string>();

  /**
   * @param refused told of a file that was not read (never of a missing one), once per file and
   *   reason.
   */
  constructor(
    private readonly host: ServerFiles,
    private readonly folders: () => readonly string[],
    private readonly openText: (uri: string) => string | undefined,
    private readonly refused: (uri: string, refusal: ReadRefusal) => void = () => undefined,
    /** Told of each pattern of an ignore file that is left out (too long, or it does not compile). */
    private readonly ignoreProblem?: IgnoreFileProblem,
  ) {}

  /** Forgets what is known of a file (it changed on disk or in the editor), or of all files. */
  invalidate(uri?: string): void {
    if (uri === undefined) {
      this.entries.clear();
      this.listing = undefined;
      this.listed = undefined;
    } else {
      this.entries.delete(uri);
    }
  }

  /**
   * A file changed on disk (a watched-file event): what was read of it is forgotten, and a
   * Markdown file created or deleted, or one the listing lacks, lists the workspace again (an edit
   * in the editor changes no listing: a file new there is listed once saved, by its event).
   */
  changedOnDisk(uri: string, createdOrDeleted: boolean): void {
    this.entries.delete(uri);
    if (this.listing && uri.endsWith('.md') && (createdOrDeleted || !this.listed?.includes(uri))) {
      this.listing = undefined;
      this.listed = undefined;
    }
  }

  /** The previous year's report of the same body as `report`, if the workspace has one. */
  async previousOf(uri: string, report: Report, limit: number = DEFAULT_MAX_FILE_BYTES): Promise<OtherReport | undefined> {
    const me = identityOf(report);
    if (!me) return undefined;
    const files = (await this.files()).filter((other) => other !== uri);
    // A few stats at a time: one after another, thousands of files would take a while.
    for (let from = 0; from < files.length; from += LOOKUP_BATCH) {
      const batch = files.slice(from, from + LOOKUP_BATCH);
      const entries = await Promise.all(batch.map((other) => this.entry(other, limit)));
      for (const [i, other] of batch.entries()) {
        const entry = entries[i];
        if (!entry || !precedes(entry.identity, me)) continue;
        const text = this.openText(other) ?? (await this.read(other, limit));
        if (text === undefined) continue;
        entry.report ??= buildReport(text);
        return { file: this.display(other), uri: other, report: entry.report };
      }
    }
    return undefined;
  }

  /**
   * The issuing body and year of a file on disk from its beginning (for the file watcher), or
   * undefined when it has none or was not read.
   */
  async identityOnDisk(uri: string, limit: number = DEFAULT_MAX_FILE_BYTES): Promise<ReportIdentity | undefined> {
    return (await this.entry(uri, limit))?.identity;
  }

  private async files(): Promise<string[]> {
    if (!this.listing) {
      const listing = this.host.markdownFiles(this.folders(), { maxFiles: MAX_FILES, maxDepth: MAX_DEPTH }, this.ignoreProblem).catch((): string[] => []);
      this.listing = listing;
      void listing.then((files) => {
        if (this.listing === listing) this.listed = files;
      });
    }
    return this.listing;
  }

  private async entry(uri: string, limit: number): Promise<Entry | undefined> {
    const open = this.openText(uri);
    // A change of the file read would have been announced (and the entry forgotten, `invalidate`).
    if (open === undefined && this.host.changesAnnounced) {
      const known = this.entries.get(uri);
      if (known && known.mtimeMs !== -1) return known;
    }
    let mtimeMs = -1;
    let size = 0;
    if (open === undefined) {
      // A stat opens nothing (a FIFO does not block it): it only tells whether the cache holds.
      const info = await this.host.stat(uri);
      if (!info) return undefined;
      mtimeMs = info.mtime;
      size = info.size;
    }
    const cached = this.entries.get(uri);
    if (cached && cached.mtimeMs === mtimeMs && cached.size === size && mtimeMs !== -1) return cached;
    // An open document's beginning is parsed again only when it changed (every check asks of every open one).
    const openHead = open?.slice(0, HEAD_BYTES);
    if (cached && openHead !== undefined && cached.head === openHead) return cached;
    const head = openHead ?? (await this.read(uri, limit, HEAD_BYTES))?.slice(0, HEAD_BYTES);
    if (head === undefined) return undefined;
    const entry: Entry = { mtimeMs, size, identity: identityOf(buildReport(head)), ...(openHead !== undefined ? { head: openHead } : {}) };
    this.entries.set(uri, entry);
    return entry;
  }

  /** The text of a file (its first `head` bytes only, when given), or undefined when it was not read. */
  private async read(uri: string, limit: number, head?: number): Promise<string | undefined> {
    // A head read is refused by the size too, so a file that would be refused whole is refused at its first look.
    const result = head === undefined ? await this.host.read(uri, limit) : await this.host.readHead(uri, head, limit);
    if (!result.ok) {
      this.refuse(uri, result.refusal);
      return undefined;
    }
    this.reported.delete(uri);
    // Cut at the head (or shorter than its size said): the last character may be cut in two.
    const truncated = head !== undefined && (result.data.length >= head || result.size > result.data.length);
    return decodeText(result.data, truncated)?.text;
  }

  private refuse(uri: string, refusal: ReadRefusal): void {
    if (refusal.kind === 'missing') return;
    // By kind, not size: a FIFO or a growing file is named once, not again at each new size.
    const key = refusal.kind === 'not-regular' ? `${refusal.kind}:${refusal.what}` : refusal.kind === 'too-large' ? `${refusal.kind}:${refusal.limit}` : refusal.kind;
    if (this.reported.get(uri) === key) return;
    this.reported.set(uri, key);
    this.refused(uri, refusal);
  }

  private display(uri: string): string {
    return this.host.display(uri, this.folders());
  }
}
