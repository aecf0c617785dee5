/**
 * Pathological input (part of `npm run bench`; alone: `node --import tsx bench/bench.ts --only=pathological`):
 * with the language server running over stdio, a pathological document is opened and its
 * diagnostics pulled, and while it is analysed the diagnostics of another, ordinary report are
 * pulled again and again (every 20 ms). The figure is the slowest of those answers (goal
 * < 100 ms: no document blocks the server), next to the time the pathological document's own
 * diagnostics took.
 *
 * `NIANBAO_BENCH_SERVER` names another server bundle (a build without the input guard, to
 * measure before and after); a document still unanswered after `NIANBAO_BENCH_TIMEOUT_MS`
 * (default 120,000) is recorded as that long, and the server is killed.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { PULL_CAPABILITIES } from '../test/unit/lsp-client.js';

const ROOT = join(__dirname, '..');

/** One pathological document and what its analysis did to a request for another document. */
export interface PathologicalFigure {
  readonly name: string;
  readonly bytes: number;
  /** The slowest answer to a request for the other document while this one was analysed, in ms. */
  readonly otherMaxMs: number;
  /** How many such requests were answered while it was analysed. */
  readonly otherRequests: number;
  /** How long this document's own diagnostics took, in ms (the timeout when they never came). */
  readonly ownMs: number;
  /** Whether its diagnostics came within the timeout. */
  readonly answered: boolean;
  /** The rules of its diagnostics (document-too-complex when the input guard stopped the parse). */
  readonly rules: readonly string[];
}

/** The documents: the two of issue 14, a nesting one level a line, and the span bomb of issue 18. */
export function pathologicalDocuments(seed: string): { readonly name: string; readonly text: string }[] {
  const spans = Array.from({ length: 300 }, () => `<tr>${'<td rowspan=100 colspan=40>1</td>'.repeat(100)}</tr>`).join('\n');
  return [
    { name: 'seed + 4,000 nested `- ` (one line)', text: `${seed}\n${'- '.repeat(4000)}项\n` },
    { name: '20,000 nested `- ` (one line)', text: `${'- '.repeat(20_000)}项\n` },
    { name: 'seed + 500 nested list levels, one a line', text: `${seed}\n${Array.from({ length: 500 }, (_, i) => `${'  '.repeat(i)}- 第${i}层`).join('\n')}\n` },
    { name: 'span bomb: an HTML table of 300 rows × 100 cells, each rowspan=100 colspan=40', text: `# 某某街道2021年政府信息公开工作年度报告\n\n<table>\n${spans}\n</table>\n` },
  ];
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs one document on a fresh server. */
async function measureOne(server: string, name: string, text: string, other: string, timeoutMs: number): Promise<PathologicalFigure> {
  const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.listen();
  const otherUri = 'file:///bench/ordinary.md';
  const uri = 'file:///bench/pathological.md';
  const pull = (target: string): Promise<{ items: { code?: unknown }[] }> => connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: target } });
  try {
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: PULL_CAPABILITIES, initializationOptions: { displayLanguage: 'zh-cn' }, workspaceFolders: null });
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: otherUri, languageId: 'markdown', version: 1, text: other } });
    await pull(otherUri);
    await pull(otherUri);

    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const start = performance.now();
    let ownMs = 0;
    let rules: string[] = [];
    let done = false;
    const own = pull(uri).then((report) => {
      ownMs = performance.now() - start;
      rules = [...new Set(report.items.map((d) => String(d.code)))].sort();
      done = true;
    }).catch(() => undefined);
    // Requests for the other document while this one is analysed: each answer timed from when it was sent.
    const latencies: number[] = [];
    const pending: Promise<void>[] = [];
    for (let i = 0; !done && performance.now() - start < timeoutMs; i++) {
      const sent = performance.now();
      pending.push(pull(otherUri).then(() => void latencies.push(performance.now() - sent)).catch(() => undefined));
      if (i >= 2 && done) break;
      await sleep(20);
    }
    // At least three requests, even when the pathological one answered at once.
    while (pending.length < 3) {
      const sent = performance.now();
      pending.push(pull(otherUri).then(() => void latencies.push(performance.now() - sent)).catch(() => undefined));
      await sleep(20);
    }
    const answered = done || (await Promise.race([own.then(() => true), sleep(Math.max(0, timeoutMs - (performance.now() - start))).then(() => false)]));
    if (!answered) {
      // Requests still waiting behind the blocked analysis count as long as the wait so far.
      const waited = performance.now() - start;
      return {
        name,
        bytes: Buffer.byteLength(text),
        otherMaxMs: Math.max(waited, ...latencies),
        otherRequests: latencies.length,
        ownMs: waited,
        answered: false,
        rules,
      };
    }
    await Promise.all(pending);
    return { name, bytes: Buffer.byteLength(text), otherMaxMs: Math.max(...latencies), otherRequests: latencies.length, ownMs, answered: true, rules };
  } finally {
    child.kill('SIGKILL');
    connection.dispose();
  }
}

/** Runs the pathological documents, each on a fresh server, and returns their figures. */
export async function benchPathological(): Promise<PathologicalFigure[]> {
  const server = process.env.NIANBAO_BENCH_SERVER ?? join(ROOT, 'dist', 'server.js');
  const timeoutMs = Number(process.env.NIANBAO_BENCH_TIMEOUT_MS ?? 120_000);
  const seed = readFileSync(join(ROOT, 'test', 'fixtures', 'seeds', 'seed-002-gulou-2021.md'), 'utf8');
  const other = readFileSync(join(ROOT, 'test', 'fixtures', 'seeds', 'seed-000-luhu-2020.md'), 'utf8');
  const figures: PathologicalFigure[] = [];
  for (const { name, text } of pathologicalDocuments(seed)) figures.push(await measureOne(server, name, text, other, timeoutMs));
  return figures;
}
