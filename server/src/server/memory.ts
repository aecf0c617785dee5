/**
 * Keeps the server's memory flat when hundreds of reports are opened: each check parses with
 * remark and leaves garbage that V8 promotes while the parse is still running, so the old
 * generation grows long before V8 collects it. A full collection after every so many newly
 * opened (or evicted and reopened) documents, run once the response is out, keeps RSS near the
 * live size. Edits of a document already analysed never trigger one, so typing stays fast.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Newly analysed documents between two collections. */
export const ANALYSES_PER_COLLECTION = 25;

let collect: (() => void) | undefined;
try {
  setFlagsFromString('--expose-gc');
  collect = runInNewContext('gc') as () => void;
} catch {
  collect = undefined;
}

let fresh = 0;

/** Counts a newly analysed document and, every {@link ANALYSES_PER_COLLECTION}, collects after the current work. */
export function analysedOne(): void {
  if (!collect || ++fresh < ANALYSES_PER_COLLECTION) return;
  fresh = 0;
  setImmediate(() => collect?.());
}
