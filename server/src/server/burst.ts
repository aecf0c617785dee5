/**
 * Staying responsive under a burst of edits (issue 18): with 50 open reports edited quickly, the
 * answers were right but slow (about 200 ms per edit and pull; 100–160 pulls still unanswered
 * after 120 s), because every pull ran its analysis even when its document had changed again
 * since it was asked, and every edit of a report another one depends on asked the client to
 * pull every open document again.
 *
 * - A pull whose document changed after it arrived is stale: the client sends a new one after
 *   the change (VS Code does for every change). It is answered at once, as cancelled by the
 *   server (no re-trigger), instead of being analysed; so is one the client cancelled meanwhile.
 * - Requests to pull every document again (`workspace/diagnostic/refresh`) are coalesced: at
 *   most one per {@link REFRESH_DELAY_MS}, the last one always sent.
 * - Every answer carries a result id; a pull that names the id of the last answer for the same
 *   version, when nothing it depends on changed since, is answered "unchanged" without an
 *   analysis (a refresh made all 50 documents be analysed again, 26 of them past the cache).
 */
import { LSPErrorCodes, ResponseError, type DiagnosticServerCancellationData, type Message, type RequestMessage, type ResponseMessage } from 'vscode-languageserver';
import type { ReportIdentity } from '../core/index.js';

/** The least time between two refresh requests to the client. */
export const REFRESH_DELAY_MS = 300;

/** The answer to a stale pull: cancelled by the server, not to be re-triggered (the newer change has its own pull). */
export function stalePull(): ResponseError<DiagnosticServerCancellationData> {
  return new ResponseError(LSPErrorCodes.ServerCancelled, 'the document changed since this pull', { retriggerRequest: false });
}

/** What an answer depended on besides its document's text: its last year's report, or any that would be one. */
export interface AnswerBasis {
  /** The body and year of the document (for a report that would become its last year's). */
  readonly identity: ReportIdentity | undefined;
  /** The URI of the last year's report it was checked against. */
  readonly previous: string | undefined;
}

/** The id of the last answer for each document, while it holds. */
export class ResultIds {
  private readonly last = new Map<string, { readonly id: string; readonly version: number } & AnswerBasis>();
  private counter = 0;

  /** A new id for the answer just computed for `uri` at `version`. */
  issue(uri: string, version: number, basis: AnswerBasis): string {
    const id = `${Date.now().toString(36)}-${++this.counter}`;
    this.last.set(uri, { id, version, ...basis });
    return id;
  }

  /** Whether the client's previous answer (`previous`) is still the one for `uri` at `version`. */
  unchanged(uri: string, version: number, previous: string | undefined): boolean {
    const last = this.last.get(uri);
    return previous !== undefined && last !== undefined && last.id === previous && last.version === version;
  }

  /**
   * The documents whose answer depends on `uri`, which changed (now reading as `identity`):
   * checked against it, or of the body and the year after (`precedes`).
   */
  dependentsOf(uri: string, identity: ReportIdentity | undefined, precedes: (a?: ReportIdentity, b?: ReportIdentity) => boolean): string[] {
    const found: string[] = [];
    for (const [other, last] of this.last) if (other !== uri && (last.previous === uri || precedes(identity, last.identity))) found.push(other);
    return found;
  }

  /** The identity the last answer for `uri` was computed with (its analysis may have left the cache). */
  identityOf(uri: string): ReportIdentity | undefined {
    return this.last.get(uri)?.identity;
  }

  /** The answers for `uri` (all, without it) no longer hold: what they depend on changed. */
  forget(uri?: string): void {
    if (uri === undefined) this.last.clear();
    else this.last.delete(uri);
  }
}

/** Sends a refresh at most once per `delay`: the first at once, the ones during the pause as one at its end. */
export class RefreshCoalescer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending = false;

  constructor(
    private readonly send: () => void,
    private readonly delay: number = REFRESH_DELAY_MS,
  ) {}

  /** Asks for a refresh. */
  request(): void {
    if (this.timer) {
      this.pending = true;
      return;
    }
    this.send();
    this.timer = setTimeout(() => this.release(), this.delay);
  }

  private release(): void {
    this.timer = undefined;
    if (!this.pending) return;
    this.pending = false;
    this.request();
  }

  /** Stops a pending refresh (the server shuts down). */
  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = false;
  }
}

/**
 * Answers a request the client cancelled before it was dispatched, straight away and without
 * running it (vscode-jsonrpc's `connectionStrategy.cancelUndispatched`; by default it is still
 * dispatched, and a pull then runs its analysis for nothing).
 */
export function answerUndispatched(message: Message): ResponseMessage | undefined {
  if (!('id' in message) || !('method' in message)) return undefined;
  const id = (message as RequestMessage).id;
  return { jsonrpc: '2.0', id, error: { code: LSPErrorCodes.RequestCancelled, message: 'request cancelled' } };
}
