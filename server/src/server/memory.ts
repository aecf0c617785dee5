/**
 * Keeps the server's memory flat when hundreds of reports are opened: each check parses with
 * remark and leaves garbage that V8 promotes while the parse is still running, so the old
 * generation grows long before V8 collects it. A full collection after every so many newly
 * opened (or evicted and reopened) documents, run once the response is out, keeps RSS near the
 * live size. Edits of a document already analysed never trigger one, so typing stays fast. The
 * collection itself is the host's (`node/host.ts`: V8's `gc`); a browser offers none, and then
 * this counts for nothing.
 */
import { afterQueued } from './turns.js';

/** Newly analysed documents between two collections. */
export const ANALYSES_PER_COLLECTION = 25;

/** Counts newly analysed documents and collects after every {@link ANALYSES_PER_COLLECTION}. */
export class Collector {
  private fresh = 0;

  constructor(private readonly collect: (() => void) | undefined) {}

  /** Counts a newly analysed document and, every {@link ANALYSES_PER_COLLECTION}, collects after the current work. */
  analysedOne(): void {
    if (!this.collect || ++this.fresh < ANALYSES_PER_COLLECTION) return;
    this.fresh = 0;
    const collect = this.collect;
    afterQueued(() => collect());
  }
}
