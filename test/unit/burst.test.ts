/**
 * Issue 18, item 6: a burst of edits stays responsive (server/src/server/burst.ts). A pull whose
 * document changed after it arrived is answered at once as stale, not analysed; a pull naming
 * the result id of the last answer for the same version gets "unchanged" without an analysis,
 * until last year's report changes; refresh requests are coalesced. The figures under load (50
 * reports, 400 edits) are the bench's (`bench/burst.ts`).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REFRESH_DELAY_MS } from '../../server/src/server/burst.js';
import { FIXTURES } from './helpers.js';
import { PULL_CAPABILITIES, TestClient } from './lsp-client.js';

const seed = (name: string): string => readFileSync(join(FIXTURES, 'seeds', `${name}.md`), 'utf8');
/** The same body's reports for 2020 and 2021: the 2021 one is checked against the 2020 one (carryover). */
const LAST = seed('seed-000-luhu-2020').replace('高青县芦湖街道', '样例县甲街道');
const CURRENT = seed('seed-002-gulou-2021').replace('济宁市兖州区鼓楼街道', '样例县甲街道');

/** A server in this process with the 2020 and 2021 reports of one body open, both pulled once. */
async function twoYears(): Promise<{ client: TestClient; last: string; current: string }> {
  const client = await TestClient.inProcess();
  await client.initialize(PULL_CAPABILITIES);
  const last = 'file:///burst/2020.md';
  const current = 'file:///burst/2021.md';
  await client.open(last, LAST);
  await client.open(current, CURRENT);
  await client.diagnostics(last);
  return { client, last, current };
}

interface Report {
  kind: 'full' | 'unchanged';
  resultId?: string;
  items?: { code?: unknown }[];
}

describe('language server under a burst of edits', () => {
  it('answers a pull whose document changed since it arrived as stale, without analysing it', { timeout: 30_000 }, async () => {
    const client = await TestClient.inProcess();
    try {
      await client.initialize(PULL_CAPABILITIES);
      const uri = 'file:///burst/a.md';
      await client.open(uri, CURRENT);
      await client.diagnostics(uri);
      // Sent together, as a client does while typing: the change after the first pull arrives
      // before that pull's analysis would start.
      const { connection } = client;
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: `${CURRENT}\n甲` }] });
      const stale = connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } }).then(
        () => 'answered',
        (error: { code: number; data?: { retriggerRequest?: boolean } }) => `${error.code} ${error.data?.retriggerRequest}`,
      );
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: `${CURRENT}\n乙` }] });
      const fresh = (await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as Report;
      assert.equal(await stale, '-32802 false');
      assert.equal(fresh.kind, 'full');
      assert.ok(fresh.items!.length > 0);
    } finally {
      await client.stop();
    }
  });

  it('answers "unchanged" for the result id of the same version, and again in full once last year’s report changed', { timeout: 30_000 }, async () => {
    const { client, last, current } = await twoYears();
    try {
      const pull = (uri: string, previousResultId?: string): Promise<Report> =>
        client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, ...(previousResultId ? { previousResultId } : {}) });
      const first = await pull(current);
      assert.equal(first.kind, 'full');
      assert.ok(first.resultId);
      assert.deepEqual(await pull(current, first.resultId), { kind: 'unchanged', resultId: first.resultId });
      // Last year's report changes: this year's answer no longer holds, and a refresh is asked for.
      const refreshes = client.refreshes;
      await client.change(last, LAST.replace('年度报告', '年度报告 '));
      await client.until(() => client.refreshes > refreshes);
      const again = await pull(current, first.resultId);
      assert.equal(again.kind, 'full');
      assert.notEqual(again.resultId, first.resultId);
      // Its own change: full too.
      await client.change(current, `${CURRENT}\n`);
      assert.equal((await pull(current, again.resultId)).kind, 'full');
    } finally {
      await client.stop();
    }
  });

  it('coalesces refresh requests: 20 quick edits of last year’s report ask for at most two', { timeout: 30_000 }, async () => {
    const { client, last, current } = await twoYears();
    try {
      await client.diagnostics(current);
      const refreshes = client.refreshes;
      const started = performance.now();
      for (let i = 0; i < 20; i++) {
        await client.change(last, LAST.replace('年度报告', `年度报告${' '.repeat(i % 2)}`));
        await client.diagnostics(current);
      }
      // At most one refresh per REFRESH_DELAY_MS, and one more at the end of the last pause: on a
      // loaded machine the 20 edits take longer, and more refreshes are right (the bound grows with it).
      const elapsed = performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, REFRESH_DELAY_MS + 100));
      const asked = client.refreshes - refreshes;
      const bound = Math.ceil(elapsed / REFRESH_DELAY_MS) + 1;
      assert.ok(asked >= 1 && asked <= bound, `${asked} refresh requests in ${Math.round(elapsed)} ms (at most ${bound})`);
      assert.ok(asked < 20, `${asked} refresh requests for 20 edits: none coalesced`);
    } finally {
      await client.stop();
    }
  });
});
