/**
 * Language server measures (part of `npm run bench`): didChange → diagnostics latency over
 * stdio for the largest seed (p50/p95, goal p95 ≤ 30 ms), and the server's RSS after opening
 * 200 report documents (goal ≤ 150 MB).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PULL_CAPABILITIES, TestClient } from '../test/unit/lsp-client.js';

const ROOT = join(__dirname, '..');

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

/** didChange → pulled diagnostics for `rounds` edits of `text`, sorted latencies in ms. */
async function latencies(client: TestClient, uri: string, text: string, rounds: number): Promise<number[]> {
  await client.open(uri, text);
  await client.diagnostics(uri);
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const edited = i % 2 === 0 ? text.replace('年度报告', '年度报告 ') : text;
    const start = performance.now();
    await client.change(uri, edited);
    await client.diagnostics(uri);
    times.push(performance.now() - start);
  }
  await client.close(uri);
  return times.sort((a, b) => a - b);
}

/** Runs the LSP measures and returns their figures. */
/** What the LSP benchmark measures. */
interface LspFigures {
  file: string;
  p50: number;
  p95: number;
  bigP50: number;
  bigP95: number;
  rssMb: number;
  documents: number;
}

export async function benchLsp(big: string): Promise<LspFigures> {
  const seeds = join(ROOT, 'test', 'fixtures', 'seeds');
  const largest = readdirSync(seeds)
    .filter((f) => f.startsWith('seed-') && f.endsWith('.md'))
    .sort((a, b) => statSync(join(seeds, b)).size - statSync(join(seeds, a)).size)[0]!;
  const text = readFileSync(join(seeds, largest), 'utf8');
  const client = TestClient.stdio();
  await client.initialize(PULL_CAPABILITIES);
  const times = await latencies(client, 'file:///bench/largest.md', text, 200);
  const bigTimes = await latencies(client, 'file:///bench/one-megabyte.md', big, 40);
  await client.stop();
  // A fresh server for the memory figure, so the 1 MB document's garbage does not count.
  const fresh = TestClient.stdio();
  await fresh.initialize(PULL_CAPABILITIES);
  const files = readdirSync(seeds).filter((f) => f.endsWith('.md') && f.startsWith('seed-'));
  for (let i = 0; i < 200; i++) {
    const doc = `file:///bench/doc-${i}.md`;
    await fresh.open(doc, readFileSync(join(seeds, files[i % files.length]!), 'utf8').replace('年', `年${i % 7 === 0 ? '' : ' '}`));
    await fresh.diagnostics(doc);
  }
  const pid = (fresh as unknown as { child: { pid: number } }).child.pid;
  const rss = rssMb(pid);
  await fresh.stop();
  return {
    file: largest,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    bigP50: percentile(bigTimes, 50),
    bigP95: percentile(bigTimes, 95),
    rssMb: rss,
    documents: 200,
  };
}
