/**
 * A burst of edits across 50 open reports (part of `npm run bench`; alone:
 * `node --import tsx bench/bench.ts --only=burst`). The server runs over stdio; the client does
 * what VS Code does: after every change of a document it cancels that document's pull still
 * waiting and pulls again, and on `workspace/diagnostic/refresh` it pulls every open document
 * again. 25 bodies with two consecutive years each are opened (so an edit of last year's report
 * re-checks this year's), then 400 edits are sent, one every 10 ms, spread over the documents.
 * The figures: how long each pull that was answered took (p50, p95, the slowest; goal: every
 * pull for the newest version within 1 s), how many the client cancelled or the server answered
 * as stale, and how many were still unanswered 30 s after the burst.
 *
 * `NIANBAO_BENCH_SERVER` names another server bundle (to measure before and after).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CancellationTokenSource, createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { PULL_CAPABILITIES } from '../test/unit/lsp-client.js';

const ROOT = join(__dirname, '..');

/** What a burst did. */
export interface BurstFigure {
  readonly documents: number;
  readonly edits: number;
  /** Pulls answered with diagnostics, and their latency from when they were sent, in ms. */
  readonly answered: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  /** Pulls cancelled by the client (a newer change) or answered as stale by the server. */
  readonly cancelled: number;
  /** Pulls with no answer 30 s after the last edit. */
  readonly unanswered: number;
  /** Refresh requests the server sent. */
  readonly refreshes: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** 25 bodies, each with a 2020 and a 2021 report (seed 000 and seed 002 renamed). */
function reports(): { uri: string; text: string }[] {
  const seed = (name: string): string => readFileSync(join(ROOT, 'test', 'fixtures', 'seeds', `${name}.md`), 'utf8');
  const [last, current] = [seed('seed-000-luhu-2020'), seed('seed-002-gulou-2021')];
  const out: { uri: string; text: string }[] = [];
  for (let i = 0; i < 25; i++) {
    const body = `样例县第${i + 1}街道`;
    out.push({ uri: `file:///burst/${i}-2020.md`, text: last.replace('高青县芦湖街道', body) });
    out.push({ uri: `file:///burst/${i}-2021.md`, text: current.replace('济宁市兖州区鼓楼街道', body) });
  }
  return out;
}

/** Runs the burst on a fresh server and returns its figures. */
export async function benchBurst(edits = 400, intervalMs = 10): Promise<BurstFigure> {
  const server = process.env.NIANBAO_BENCH_SERVER ?? join(ROOT, 'dist', 'server.js');
  const child = spawn(process.execPath, [...(process.env.NIANBAO_BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.NIANBAO_BENCH_PROFILE}`] : []), server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const documents = new Map<string, { text: string; version: number }>();
  const waiting = new Map<string, CancellationTokenSource>();
  /** The result id of each document's last answer, sent with its next pull (as VS Code does). */
  const resultIds = new Map<string, string>();
  const latencies: number[] = [];
  let cancelled = 0;
  let outstanding = 0;
  let refreshes = 0;
  let measuring = false;
  const pull = (uri: string): void => {
    if (!process.env.NIANBAO_BENCH_NO_CANCEL) waiting.get(uri)?.cancel();
    const source = new CancellationTokenSource();
    waiting.set(uri, source);
    const sent = performance.now();
    outstanding++;
    const previousResultId = resultIds.get(uri);
    connection.sendRequest<{ resultId?: string }>('textDocument/diagnostic', { textDocument: { uri }, ...(previousResultId ? { previousResultId } : {}) }, source.token).then(
      (report) => {
        outstanding--;
        if (report.resultId) resultIds.set(uri, report.resultId);
        if (waiting.get(uri) === source) waiting.delete(uri);
        if (measuring) latencies.push(performance.now() - sent);
      },
      () => {
        outstanding--;
        if (measuring) cancelled++;
      },
    );
  };
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => {
    refreshes++;
    for (const uri of documents.keys()) pull(uri);
    return null;
  });
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();
  try {
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: PULL_CAPABILITIES, initializationOptions: { displayLanguage: 'zh-cn' }, workspaceFolders: null });
    await connection.sendNotification('initialized', {});
    const opened = reports();
    for (const { uri, text } of opened) {
      documents.set(uri, { text, version: 1 });
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      pull(uri);
    }
    while (outstanding > 0) await sleep(20);
    measuring = true;
    refreshes = 0;
    for (let i = 0; i < edits; i++) {
      // A fixed spread over the documents: every one is edited several times.
      const { uri } = opened[(i * 7) % opened.length]!;
      const document = documents.get(uri)!;
      document.version++;
      document.text = document.text.replace('年度报告', i % 2 === 0 ? '年度报告 ' : '年度报告');
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: document.version }, contentChanges: [{ text: document.text }] });
      pull(uri);
      await sleep(intervalMs);
    }
    const end = performance.now();
    while (outstanding > 0 && performance.now() - end < 30_000) await sleep(20);
    latencies.sort((a, b) => a - b);
    return {
      documents: opened.length,
      edits,
      answered: latencies.length,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      max: latencies.at(-1) ?? NaN,
      cancelled,
      unanswered: outstanding,
      refreshes,
    };
  } finally {
    if (process.env.NIANBAO_BENCH_PROFILE) {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      await new Promise((resolve) => child.once('exit', resolve));
    } else child.kill('SIGKILL');
    connection.dispose();
  }
}
