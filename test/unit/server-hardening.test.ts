/**
 * Issue 14, the language server's part: hostile workspace files (a `.md` that is a FIFO or a
 * symlink to /dev/zero, a file above `nianbao.maxFileSize`) are skipped without blocking the
 * server and named once in the output; a brace-bomb glob in `nianbao.files` is refused once and
 * checks stay fast; code actions return no edit outside the document, reversed or overlapping,
 * and take `Diagnostic.data` only for the text it was computed on (a reused version number).
 * Over stdio against dist/server.js: an old server that blocks must not block the test run.
 */
import assert from 'node:assert/strict';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { braceExpansions, GlobCache, MAX_BRACE_EXPANSIONS } from '../../server/src/server/globs.js';
import { FIXTURES } from './helpers.js';
import { PULL_CAPABILITIES, TestClient } from './lsp-client.js';

const real = (name: string): string => readFileSync(join(FIXTURES, 'real', `${name}.md`), 'utf8');
const seed = (name: string): string => readFileSync(join(FIXTURES, 'seeds', `${name}.md`), 'utf8');
const carriedBefore = '| 四、结转下年度继续办理 |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |';
const carriedWrong = '| 四、结转下年度继续办理 |  |  | 3 | 0 | 0 | 0 | 0 | 0 | 3 |';
/** Last year's report whose 结转 the 2024 report contradicts: `carryover` twice when it is read. */
const previousReport = (): string => real('2023_huaian-hongzequ').replace(carriedBefore, carriedWrong);
const POSIX = process.platform !== 'win32';

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** `promise`, or a rejection naming `what` after `ms`: a blocked server fails the test instead of hanging it. */
async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms (the server is blocked)`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Stops the server, or kills it when it does not answer (a blocked old server). */
async function stop(client: TestClient): Promise<void> {
  const child = (client as unknown as { child?: ChildProcess }).child;
  const stopped = await Promise.race([client.stop().then(() => true, () => true), delay(3000).then(() => false)]);
  if (!stopped) {
    child?.kill('SIGKILL');
    client.connection.dispose();
  }
}

async function workspaceClient(dir: string, settings: Record<string, unknown> = {}): Promise<TestClient> {
  const client = TestClient.stdio();
  client.settings = settings;
  await client.initialize(PULL_CAPABILITIES, { displayLanguage: 'zh-cn' }, [{ uri: pathToFileURL(dir).toString(), name: 'reports' }]);
  return client;
}

/** The server answers: a diagnostics round trip of an unrelated document, within a few seconds. */
async function answers(client: TestClient, what: string): Promise<void> {
  const uri = `file:///elsewhere/${Math.random().toString(36).slice(2)}.md`;
  await client.open(uri, '# 会议纪要\n\n今天开会。\n');
  await within(4000, what, client.diagnostics(uri));
  await within(4000, `${what} (hover)`, client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } }));
  await client.close(uri);
}

const mentions = (client: TestClient, name: string): string[] => client.logs.filter((line) => line.includes(name));

describe('language server: hostile workspace files', { skip: !POSIX && 'FIFOs need a POSIX system' }, () => {
  it('skips a listed .md that became a FIFO or a symlink to /dev/zero in the previous-year search, and keeps answering', { timeout: 60000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-hostile-'));
    mkdirSync(join(dir, 'z2023'));
    // Regular files when the workspace is first listed; swapped for a FIFO and a device after.
    writeFileSync(join(dir, 'x.md'), '# 草稿\n');
    writeFileSync(join(dir, 'a-zero.md'), '# 草稿\n');
    writeFileSync(join(dir, 'z2023', 'hongze.md'), previousReport());
    // On disk too, so that it is in the listing and its edits keep the listing as it was.
    writeFileSync(join(dir, 'hongze-2024.md'), real('2024_huaian-hongzequ'));
    const client = await workspaceClient(dir);
    try {
      const uri = pathToFileURL(join(dir, 'hongze-2024.md')).toString();
      await client.open(uri, real('2024_huaian-hongzequ'));
      assert.equal((await within(8000, 'first check', client.diagnostics(uri))).filter((d) => d.code === 'carryover').length, 2);
      rmSync(join(dir, 'x.md'));
      execFileSync('mkfifo', [join(dir, 'x.md')]);
      rmSync(join(dir, 'a-zero.md'));
      symlinkSync('/dev/zero', join(dir, 'a-zero.md'));
      // Each edit is a new check, and each looks at the listed files again.
      for (let round = 0; round < 3; round++) {
        await client.change(uri, `${client.text(uri)}\n补充说明${round}。\n`);
        const carry = (await within(8000, `check ${round}`, client.diagnostics(uri))).filter((d) => d.code === 'carryover');
        assert.equal(carry.length, 2, 'last year’s report behind the hostile files is still found');
      }
      await answers(client, 'after the search');
      assert.equal(mentions(client, 'x.md').length, 1, `the FIFO named once: ${client.logs.join('\n')}`);
      assert.match(mentions(client, 'x.md')[0]!, /命名管道/);
      assert.equal(mentions(client, 'a-zero.md').length, 1, `the device named once: ${client.logs.join('\n')}`);
      assert.match(mentions(client, 'a-zero.md')[0]!, /设备文件/);
    } finally {
      await stop(client);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a watched FIFO or /dev/zero symlink without blocking, and names each once', { timeout: 60000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-hostile-'));
    execFileSync('mkfifo', [join(dir, 'x.md')]);
    symlinkSync('/dev/zero', join(dir, 'zero.md'));
    mkdirSync(join(dir, 'notes.md'));
    const client = await workspaceClient(dir);
    try {
      const report = pathToFileURL(join(dir, 'hongze-2024.md')).toString();
      await client.open(report, real('2024_huaian-hongzequ'));
      await within(8000, 'first check', client.diagnostics(report));
      for (let round = 0; round < 2; round++) {
        // What the client's **/*.md watcher sends when the files appear or change.
        await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
          changes: ['x.md', 'zero.md', 'notes.md'].map((name) => ({ uri: pathToFileURL(join(dir, name)).toString(), type: round === 0 ? 1 : 2 })),
        });
        await answers(client, `after watched-file notification ${round}`);
        await within(8000, `check after notification ${round}`, client.diagnostics(report));
      }
      await client.until(() => mentions(client, 'x.md').length > 0 && mentions(client, 'zero.md').length > 0, 4000);
      await delay(200);
      assert.equal(mentions(client, 'x.md').length, 1, client.logs.join('\n'));
      assert.equal(mentions(client, 'zero.md').length, 1, client.logs.join('\n'));
      assert.equal(mentions(client, 'notes.md').length, 1, client.logs.join('\n'));
      assert.match(mentions(client, 'notes.md')[0]!, /是目录/);
    } finally {
      await stop(client);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('language server: nianbao.maxFileSize', () => {
  it('skips last year’s report above the cap, naming it once', { timeout: 60000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-large-'));
    mkdirSync(join(dir, '2023'));
    // 0.05 MB = 52,429 bytes; the padding is a comment no rule reads.
    writeFileSync(join(dir, '2023', 'hongze.md'), `${previousReport()}\n<!-- ${'填充'.repeat(20000)} -->\n`);
    const client = await workspaceClient(dir, { maxFileSize: 0.05 });
    try {
      const uri = pathToFileURL(join(dir, 'hongze-2024.md')).toString();
      await client.open(uri, real('2024_huaian-hongzequ'));
      for (let round = 0; round < 3; round++) {
        if (round > 0) await client.change(uri, `${client.text(uri)}\n补充说明${round}。\n`);
        const diagnostics = await within(8000, `check ${round}`, client.diagnostics(uri));
        assert.equal(diagnostics.filter((d) => d.code === 'carryover').length, 0, 'the large file is not read');
        assert.ok(diagnostics.length > 0 && diagnostics.some((d) => d.code !== undefined), 'the open report is still checked');
      }
      const named = mentions(client, 'hongze.md');
      assert.equal(named.length, 1, client.logs.join('\n'));
      assert.match(named[0]!, /文件过大.*上限/);
      // The default cap (5 MB) takes it.
      client.settings = {};
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      assert.equal((await client.diagnostics(uri)).filter((d) => d.code === 'carryover').length, 2);
    } finally {
      await stop(client);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does not check an open document above the cap: one warning if it reads as a report, nothing otherwise', { timeout: 60000 }, async () => {
    const client = TestClient.stdio();
    client.settings = { maxFileSize: 0.005 };
    try {
      await client.initialize(PULL_CAPABILITIES, { displayLanguage: 'zh-cn' });
      const uri = 'file:///reports/large-2024.md';
      await client.open(uri, real('2024_huaian-hongzequ'));
      for (let round = 0; round < 2; round++) {
        if (round > 0) await client.change(uri, `${client.text(uri)}\n补充。\n`);
        const diagnostics = await client.diagnostics(uri);
        assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
        assert.match(String(diagnostics[0]!.message), /^文档过大（8 KB，上限 6 KB），nianbao 未检查/);
        assert.match(String(diagnostics[0]!.message), /nianbao\.maxFileSize/);
        assert.equal(diagnostics[0]!.range.start.line, 0);
        const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0]!.range, context: { diagnostics } })) as CodeAction[];
        assert.deepEqual(actions, [], 'no fix and no suppression for an unchecked document');
      }
      assert.equal(mentions(client, uri).length, 1, client.logs.join('\n'));
      // The commands that would parse it say why they do nothing.
      const exported = (await client.connection.sendRequest('nianbao/export', { uri, to: 'html' })) as { error?: string };
      assert.match(String(exported.error), /文档过大（8 KB，上限 6 KB/);
      const next = (await client.connection.sendRequest('workspace/executeCommand', { command: 'nianbao.server.nextYear', arguments: [uri] })) as { error?: string };
      assert.match(String(next.error), /nianbao\.maxFileSize/);
      const notes = 'file:///notes/big.md';
      await client.open(notes, `# 笔记\n\n${'随手记。'.repeat(3000)}\n`);
      assert.deepEqual(await client.diagnostics(notes), []);
      // Under a cap it is checked as usual.
      client.settings = {};
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      assert.ok((await client.diagnostics(uri)).some((d) => d.code !== undefined));
    } finally {
      await stop(client);
    }
  });
});

describe('language server: nianbao.files globs', () => {
  const bomb = `${'{a,b}'.repeat(20)}.md`;

  it('counts brace expansions without expanding', () => {
    assert.equal(braceExpansions('reports/*.md'), 1);
    assert.equal(braceExpansions('{a,b}/{c,d,e}.md'), 6);
    assert.equal(braceExpansions('{a,{b,c}}.md'), 3);
    assert.equal(braceExpansions('{1..10}.md'), 10);
    assert.equal(braceExpansions('\\{a,b\\}.md'), 1);
    assert.equal(braceExpansions('{a}.md'), 1);
    assert.equal(braceExpansions('{a,b.md'), 1);
    assert.equal(braceExpansions(bomb), 2 ** 20);
    assert.ok(braceExpansions('{1..999999999}{1..999999999}') > MAX_BRACE_EXPANSIONS);
    const reported: string[] = [];
    const cache = new GlobCache((p) => reported.push(p.glob));
    const globs = cache.get([bomb, 'reports/*.md']);
    assert.equal(globs.problems.length, 1);
    assert.ok(globs.matches('file:///ws/reports/a.md', ['file:///ws']));
    cache.clear();
    cache.get([bomb, 'reports/*.md']);
    assert.deepEqual(reported, [bomb], 'reported once');
  });

  it('refuses a brace-bomb glob once, keeps the other globs, and checks stay fast', { timeout: 60000 }, async () => {
    const client = TestClient.stdio();
    client.settings = { files: [bomb, 'reports/*.md'] };
    try {
      await client.initialize(PULL_CAPABILITIES, { displayLanguage: 'zh-cn' });
      const notes = 'file:///ws/notes/readme.md';
      await client.open(notes, '# 会议纪要\n\n今天开会。\n');
      const start = performance.now();
      for (let round = 0; round < 5; round++) {
        if (round > 0) await client.change(notes, `${client.text(notes)}又开了一次会。\n`);
        assert.deepEqual(await within(10000, `check ${round}`, client.diagnostics(notes)), []);
      }
      const elapsed = performance.now() - start;
      assert.ok(elapsed < 2000, `five checks of a non-report took ${elapsed.toFixed(0)} ms`);
      // The other glob still applies: a memo under reports/ is checked as a report.
      const memo = 'file:///ws/reports/memo.md';
      await client.open(memo, '# 会议纪要\n\n今天开会。\n');
      assert.ok((await client.diagnostics(memo)).length > 0);
      // A settings change compiles again, and names the glob no second time.
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await client.diagnostics(notes);
      await client.diagnostics(memo);
      const named = client.logs.filter((line) => line.includes('{a,b}{a,b}'));
      assert.equal(named.length, 1, client.logs.join('\n'));
      assert.match(named[0]!, /花括号展开过多/);
    } finally {
      await stop(client);
    }
  });
});

describe('language server: code actions check what they return', () => {
  const quickFixes = async (client: TestClient, uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> =>
    (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    })) as CodeAction[];
  const editsOf = (action: CodeAction): { range: Diagnostic['range']; newText: string }[] =>
    (action.edit!.documentChanges![0] as { edits: { range: Diagnostic['range']; newText: string }[] }).edits;

  it('returns no forged edit past the end, negative, reversed or overlapping', { timeout: 60000 }, async () => {
    const client = TestClient.stdio();
    try {
      await client.initialize(PULL_CAPABILITIES, { displayLanguage: 'zh-cn' });
      const uri = 'file:///reports/forged.md';
      await client.open(uri, seed('seed-002-gulou-2021'));
      const label = (await client.diagnostics(uri)).find((d) => d.code === 'table-label')!;
      const data = label.data as { uri: string; version: number; hash: string; fixes: unknown[] };
      const lines = client.text(uri).split('\n');
      const last = lines.length - 1;
      const at = (line: number, character: number) => ({ line, character });
      const fix = (title: string, ...edits: { start: { line: number; character: number }; end: { line: number; character: number } }[]) => ({
        title,
        safe: true,
        edits: edits.map((range) => ({ range, newText: 'X' })),
      });
      const forged: Diagnostic = {
        ...label,
        data: {
          ...data,
          fixes: [
            fix('past-the-end', { start: at(last + 50, 0), end: at(last + 50, 3) }),
            fix('past-the-line', { start: at(0, 0), end: at(0, lines[0]!.length + 5) }),
            fix('negative', { start: at(-1, 0), end: at(0, 1) }),
            fix('negative-character', { start: at(1, -3), end: at(1, 0) }),
            fix('reversed', { start: at(3, 2), end: at(2, 0) }),
            fix('overlapping', { start: at(0, 0), end: at(0, 4) }, { start: at(0, 2), end: at(0, 6) }),
            fix('same-range-twice', { start: at(0, 1), end: at(0, 2) }, { start: at(0, 1), end: at(0, 2) }),
            fix('fractional', { start: at(0, 0.5), end: at(0, 1) }),
            fix('no-edits'),
            fix('inside', { start: at(0, 0), end: at(0, 1) }, { start: at(0, 1), end: at(0, 1) }, { start: at(last, 0), end: at(last, lines[last]!.length) }),
          ],
        },
      };
      const titles = (await quickFixes(client, uri, forged)).filter((a) => a.diagnostics?.length).map((a) => a.title);
      assert.ok(titles.includes('inside'), `a well-formed edit inside the document passes: ${titles.join(', ')}`);
      for (const bad of ['past-the-end', 'past-the-line', 'negative', 'negative-character', 'reversed', 'overlapping', 'same-range-twice', 'fractional', 'no-edits']) {
        assert.ok(!titles.includes(bad), `${bad} is not returned`);
      }
      // Data without the content hash (as an older server wrote it) is no data.
      const { hash: _hash, ...unhashed } = data;
      assert.deepEqual(await quickFixes(client, uri, { ...label, data: { ...unhashed, fixes: (forged.data as { fixes: unknown[] }).fixes } }), []);
    } finally {
      await stop(client);
    }
  });

  it('takes data only for the text it was computed on: versions 5 → 3 → 5 with other text', { timeout: 60000 }, async () => {
    const client = TestClient.stdio();
    try {
      await client.initialize(PULL_CAPABILITIES, { displayLanguage: 'zh-cn' });
      const uri = 'file:///reports/reused.md';
      const text = seed('seed-002-gulou-2021');
      const send = (version: number, content: string) =>
        client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: content }] });
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 5, text } });
      const first = (await client.diagnostics(uri)).find((d) => d.code === 'table-label')!;
      const firstEdits = editsOf((await quickFixes(client, uri, first)).find((a) => a.isPreferred)!);

      // The same number 5 again, for a text with two lines more at the top: the old data's edit
      // would hit the wrong line.
      await send(3, `${text}\n`);
      const shifted = `说明一。\n说明二。\n${text}`;
      await send(5, shifted);
      const stale = (await quickFixes(client, uri, first)).filter((a) => a.diagnostics?.length);
      for (const action of stale) {
        assert.notDeepEqual(editsOf(action), firstEdits, `${action.title}: the data of the first version 5 is not used`);
      }
      assert.deepEqual(stale, [], 'no finding of that rule at that range in the new text');
      const fresh = (await client.diagnostics(uri)).find((d) => d.code === 'table-label')!;
      assert.equal(fresh.range.start.line, first.range.start.line + 2);
      const freshFix = (await quickFixes(client, uri, fresh)).find((a) => a.isPreferred)!;
      assert.equal(editsOf(freshFix)[0]!.range.start.line, firstEdits[0]!.range.start.line + 2);

      // Reused once more for a text changed below the finding: the server's own finding at the
      // same range gives the fix, computed on the current text.
      await send(3, text);
      await send(5, `${text}\n补充一句。\n`);
      const recomputed = (await quickFixes(client, uri, first)).find((a) => a.isPreferred);
      assert.ok(recomputed, 'the finding is at the same range in the current text');
      assert.deepEqual(editsOf(recomputed), firstEdits);
      assert.equal((recomputed.edit!.documentChanges![0] as { textDocument: { version: number } }).textDocument.version, 5);
    } finally {
      await stop(client);
    }
  });
});
