/**
 * Waiting for the messages already queued, the same way in Node and in a browser's web worker.
 */

/** Node's setImmediate; a browser's worker has none. */
const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;

/**
 * Runs `callback` after the messages already queued: Node's setImmediate; in a browser's worker a
 * zero timeout (a task, so the worker's queued message events come first).
 */
export function afterQueued(callback: () => void): void {
  if (immediate) immediate(callback);
  else setTimeout(callback, 0);
}
