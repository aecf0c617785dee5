/**
 * Checking many files on all cores: the files are split into groups by issuing body (a report
 * and last year's report of the same body must be checked in the same worker), the groups
 * spread over worker threads, and the outcomes put back in the order of the files.
 */
import { getAsset, isSea } from 'node:sea';
import { Worker } from 'node:worker_threads';
import { bodyOfTitle, identityOfText, sameBody } from '../core/index.js';
import { decodeText } from '../shell/encoding.js';
import { readRegularFileSync } from '../shell/read-regular-file.js';
import type { CheckFilesOptions, FileOutcome, FileTask } from './check-files.js';

/** Below this many files a single thread is faster than starting workers. */
export const MIN_FILES_FOR_WORKERS = 24;

/** What a worker is given. */
export interface WorkerInput {
  readonly tasks: readonly FileTask[];
  readonly options: CheckFilesOptions;
}

/**
 * The key of the bundle's copy embedded in the single executable (`scripts/sea.mjs` puts it
 * there): its workers run that copy, as no bundle file exists beside the executable.
 */
export const SEA_BUNDLE_ASSET = 'cli.js';

const HEAD_BYTES = 2048;

function head(path: string): string {
  // The shared reader: a FIFO or a device among the files must not block the grouping.
  const read = readRegularFileSync(path, HEAD_BYTES, true);
  if (!read.ok) return '';
  // The head in the file's encoding (GB18030 and UTF-16 too), as the worker will read it.
  return decodeText(read.data, read.data.length === HEAD_BYTES)?.text ?? '';
}

function bodyOf(path: string): string | undefined {
  const text = head(path);
  const identity = identityOfText(text);
  if (identity) return identity.body;
  const first = text.split(/\r?\n/).find((l) => l.trim() !== '');
  return first ? bodyOfTitle(first.replace(/^[ \t]{0,3}#+[ \t]*|\*\*/g, '')) : undefined;
}

/** Splits tasks into `count` buckets, keeping every body's reports together. */
export function bucketsByBody(tasks: readonly FileTask[], count: number): number[][] {
  const groups: { body: string | undefined; members: number[] }[] = [];
  tasks.forEach((task, i) => {
    const body = bodyOf(task.path);
    const group = body === undefined ? undefined : groups.find((g) => g.body !== undefined && sameBody(g.body, body));
    if (group) group.members.push(i);
    else groups.push({ body, members: [i] });
  });
  groups.sort((a, b) => b.members.length - a.members.length);
  const buckets: number[][] = Array.from({ length: count }, () => []);
  for (const group of groups) {
    const smallest = buckets.reduce((a, b) => (b.length < a.length ? b : a));
    smallest.push(...group.members);
  }
  return buckets.filter((b) => b.length > 0);
}

/**
 * Checks the tasks on `jobs` worker threads running `script` (this bundle), or in a single
 * executable, where `script` is the executable itself, the bundle's embedded copy.
 */
export async function checkInParallel(script: string, tasks: readonly FileTask[], options: CheckFilesOptions, jobs: number): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = new Array(tasks.length);
  const buckets = bucketsByBody(tasks, jobs);
  const embedded = isSea() ? getAsset(SEA_BUNDLE_ASSET, 'utf8') : undefined;
  await Promise.all(
    buckets.map(
      (bucket) =>
        new Promise<void>((resolve, reject) => {
          const input: WorkerInput = { tasks: bucket.map((i) => tasks[i]!), options };
          const worker = embedded === undefined ? new Worker(script, { workerData: input }) : new Worker(embedded, { eval: true, workerData: input });
          worker.once('message', (results: FileOutcome[]) => {
            results.forEach((outcome, j) => (outcomes[bucket[j]!] = outcome));
            resolve();
          });
          worker.once('error', reject);
          worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited with ${code}`))));
        }),
    ),
  );
  return outcomes;
}
