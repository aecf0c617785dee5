/**
 * The language server as it runs in a browser's web worker (issue 25): the same server with the
 * browser's host (server/src/server/browser/host.ts), which has no disk and reaches the
 * workspace's files only through the client's requests (`nianbao/findFiles`, `nianbao/stat`,
 * `nianbao/readFile`). Driven in process by a client that answers them from disk as the extension
 * does in a browser (workspace-files.ts); the extension's real answers run in `npm run test:web`.
 * Last year's report across the workspace (found, decoded, re-read on change, ignore files
 * honoured), the config file, the import of a workspace file, the size cap and the rule pages.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { FIXTURES } from './helpers.js';
import { PULL_CAPABILITIES, TestClient } from './lsp-client.js';

const real = (name: string): string => readFileSync(join(FIXTURES, 'real', `${name}.md`), 'utf8');
const carriedBefore = '| 四、结转下年度继续办理 |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |';
const carriedWrong = '| 四、结转下年度继续办理 |  |  | 3 | 0 | 0 | 0 | 0 | 0 | 3 |';
const EXTENSION_URI = 'https://example.test/extensions/nianbao';
const url = (path: string): string => pathToFileURL(path).toString();

/** A workspace folder on disk and a client answering for it, the server with the browser's host. */
async function browserServer(dir: string): Promise<TestClient> {
  const client = await TestClient.inProcess('client');
  await client.initialize(PULL_CAPABILITIES, { displayLanguage: 'zh-cn', extensionUri: EXTENSION_URI }, [{ uri: url(dir), name: 'reports' }]);
  return client;
}

describe('language server with the browser host: last year’s report through the client', () => {
  let dir: string;
  let client: TestClient;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nianbao-web-ws-'));
    mkdirSync(join(dir, '2023'));
    writeFileSync(join(dir, '2023', 'hongze.md'), iconv.encode(real('2023_huaian-hongzequ').replace(carriedBefore, carriedWrong), 'gb18030'));
    writeFileSync(join(dir, 'other-body-2023.md'), real('2023_huaian-hongzequ').replaceAll('洪泽区', '涟水县'));
    client = await browserServer(dir);
  });
  after(async () => client.stop());

  it('finds it with findFiles, reads it (GB18030) with readFile, and reads it again when the watcher says it changed', async () => {
    const uri = url(join(dir, 'hongze-2024.md'));
    const previousUri = url(join(dir, '2023', 'hongze.md'));
    await client.open(uri, real('2024_huaian-hongzequ'));
    let carry = (await client.diagnostics(uri)).filter((d) => d.code === 'carryover');
    assert.equal(carry.length, 2);
    assert.match(String(carry[0]!.message), /上一年度报告（2023\/hongze\.md 第 67 行）“四、结转下年度继续办理”为 3/);
    assert.equal(carry[0]!.relatedInformation![0]!.location.uri, previousUri);
    assert.ok((client.fileRequests['findFiles'] ?? 0) >= 1 && (client.fileRequests['readFile'] ?? 0) >= 1, JSON.stringify(client.fileRequests));

    const refreshes = client.refreshes;
    writeFileSync(join(dir, '2023', 'hongze.md'), iconv.encode(real('2023_huaian-hongzequ'), 'gb18030'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: previousUri, type: 2 }] });
    await client.until(() => client.refreshes > refreshes);
    carry = (await client.diagnostics(uri)).filter((d) => d.code === 'carryover');
    assert.equal(carry.length, 0);
    await client.close(uri);
  });

  it('links each finding to its rule page in the installed extension, in the diagnostic and in the hover', async () => {
    const uri = url(join(dir, 'page-2024.md'));
    await client.open(uri, real('2024_huaian-hongzequ'));
    const diagnostics = await client.diagnostics(uri);
    assert.ok(diagnostics.length > 0);
    for (const d of diagnostics) assert.equal(d.codeDescription?.href, `${EXTENSION_URI}/docs/rules/${String(d.code)}.md`);
    const first = diagnostics[0]!;
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: first.range.start })) as { contents: { value: string } } | null;
    assert.ok(hover?.contents.value.includes(`(${EXTENSION_URI}/docs/rules/`), hover?.contents.value);
    await client.close(uri);
  });
});

describe('language server with the browser host: what the search skips', () => {
  it('honours .nianbaoignore and .gitignore, skips dot directories, node_modules and links', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-web-ignore-'));
    const previous = real('2023_huaian-hongzequ').replace(carriedBefore, carriedWrong);
    for (const folder of ['archive', '.old', 'node_modules', 'drafts']) mkdirSync(join(dir, folder));
    writeFileSync(join(dir, 'archive', 'hongze-2023.md'), previous);
    writeFileSync(join(dir, '.old', 'hongze-2023.md'), previous);
    writeFileSync(join(dir, 'node_modules', 'hongze-2023.md'), previous);
    writeFileSync(join(dir, 'drafts', 'hongze-2023.md'), previous);
    writeFileSync(join(dir, '.nianbaoignore'), 'archive/\n');
    writeFileSync(join(dir, 'drafts', '.gitignore'), 'hongze-2023.md\n');
    const outside = mkdtempSync(join(tmpdir(), 'nianbao-web-outside-'));
    writeFileSync(join(outside, 'hongze-2023.md'), previous);
    symlinkSync(join(outside, 'hongze-2023.md'), join(dir, 'linked-2023.md'));
    const client = await browserServer(dir);
    try {
      const uri = url(join(dir, 'hongze-2024.md'));
      await client.open(uri, real('2024_huaian-hongzequ'));
      assert.deepEqual((await client.diagnostics(uri)).filter((d) => d.code === 'carryover'), []);
      // The link is found but not read: its target could lie outside the workspace. The output says so, once.
      const linked = client.logs.filter((l) => l.includes('linked-2023.md'));
      assert.equal(linked.length, 1, client.logs.join('\n'));
      assert.match(linked[0]!, /是符号链接（在浏览器中不跟随）/);

      // Not ignored any more: the report counts.
      writeFileSync(join(dir, '.nianbaoignore'), '');
      const refreshes = client.refreshes;
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: url(join(dir, 'archive', 'hongze-2023.md')), type: 2 }] });
      await client.until(() => client.refreshes > refreshes);
      const carry = (await client.diagnostics(uri)).filter((d) => d.code === 'carryover');
      assert.equal(carry.length, 2);
      assert.equal(carry[0]!.relatedInformation![0]!.location.uri, url(join(dir, 'archive', 'hongze-2023.md')));
    } finally {
      await client.stop();
    }
  });
});

describe('language server with the browser host: the config file through the client', () => {
  it('applies the nearest .nianbaorc.json above the document, names it and its problems in the output, and reads it again when it changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-web-config-'));
    mkdirSync(join(dir, 'units'));
    const config = join(dir, '.nianbaorc.json');
    writeFileSync(config, '{\n  // 叠词不查\n  "rules": { "doubled-word": "off", "no-such-rule": "off" }\n}\n');
    const client = await browserServer(dir);
    try {
      const uri = url(join(dir, 'units', 'report.md'));
      await client.open(uri, readFileSync(join(FIXTURES, 'rules', 'doubled-word', 'wrong-word.md'), 'utf8'));
      assert.ok(!(await client.diagnostics(uri)).some((d) => d.code === 'doubled-word'));
      assert.ok(client.logs.some((l) => l.includes(url(config))), `the output names the config: ${client.logs.join('\n')}`);
      assert.ok(client.logs.some((l) => l.includes(`${url(config)}:3:`) && l.includes('no-such-rule')), 'and its problems, with the line');

      const refreshes = client.refreshes;
      writeFileSync(config, '{ "rules": { "doubled-word": "warning" } }');
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: url(config), type: 2 }] });
      await client.until(() => client.refreshes > refreshes);
      assert.equal((await client.diagnostics(uri)).find((d) => d.code === 'doubled-word')?.severity, 2);
    } finally {
      await client.stop();
    }
  });
});

describe('language server with the browser host: files the client refuses', () => {
  it('imports a workspace file by its URI, and refuses one outside the workspace or behind a link', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'nianbao-web-import-outside-'));
    const workspace = mkdtempSync(join(tmpdir(), 'nianbao-web-import-'));
    const docx = join(FIXTURES, 'html', 'sources', 'html-mammoth-2021.docx');
    copyFileSync(docx, join(outside, 'secret.docx'));
    writeFileSync(join(outside, 'system.html'), '<p>系统文件的内容</p>');
    copyFileSync(docx, join(workspace, 'inside.docx'));
    symlinkSync(join(outside, 'system.html'), join(workspace, 'link.html'));
    const client = await browserServer(workspace);
    try {
      const ask = (path: string): Promise<{ text?: string; error?: string }> => client.connection.sendRequest('nianbao/import', { uri: url(path) });
      assert.match((await ask(join(workspace, 'inside.docx'))).text ?? '', /^# /);
      for (const path of [join(outside, 'secret.docx'), join(workspace, 'link.html')]) {
        const answer = await ask(path);
        assert.equal(answer.text, undefined, path);
        assert.match(answer.error ?? '', /不在工作区文件夹中（或是指向工作区之外的链接）/, path);
      }
    } finally {
      await client.stop();
    }
  });

  it('skips a report above nianbao.maxFileSize before it is sent, naming it once in the output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-web-large-'));
    const large = join(dir, 'hongze-2023.md');
    writeFileSync(large, real('2023_huaian-hongzequ').replace(carriedBefore, carriedWrong) + `\n${'填充文字。'.repeat(80_000)}\n`);
    const client = await browserServer(dir);
    try {
      client.settings = { maxFileSize: 0.5 };
      const uri = url(join(dir, 'hongze-2024.md'));
      await client.open(uri, real('2024_huaian-hongzequ'));
      assert.deepEqual((await client.diagnostics(uri)).filter((d) => d.code === 'carryover'), []);
      await client.change(uri, `${client.text(uri)}\n`);
      await client.diagnostics(uri);
      const named = client.logs.filter((l) => l.includes(url(large)));
      assert.equal(named.length, 1, client.logs.join('\n'));
      assert.match(named[0]!, /文件过大（1\.\d MB，上限 512 KB），已跳过/);
    } finally {
      await client.stop();
    }
  });

  it('checks on when the client answers no file request at all', async () => {
    const client = await TestClient.inProcess('client', false);
    try {
      await client.initialize(PULL_CAPABILITIES, { displayLanguage: 'zh-cn' }, [{ uri: 'vscode-vfs://github/unit/reports', name: 'r' }]);
      const uri = 'vscode-vfs://github/unit/reports/hongze-2024.md';
      await client.open(uri, real('2024_huaian-hongzequ'));
      const diagnostics = await client.diagnostics(uri);
      assert.ok(diagnostics.length > 0);
      assert.ok(!diagnostics.some((d) => d.code === 'carryover'));
      const imported = (await client.connection.sendRequest('nianbao/import', { uri: 'vscode-vfs://github/unit/reports/a.docx' })) as { error?: string };
      assert.match(imported.error ?? '', /a\.docx/);
      // No PDF reader in the browser (pdfjs is Node-bound here): the answer says where a PDF can be imported.
      const pdf = readFileSync(join(FIXTURES, 'forms', 'seeds--seed-002-gulou-2021.lo.pdf')).toString('base64');
      const fromPdf = (await client.connection.sendRequest('nianbao/import', { uri: 'vscode-vfs://github/unit/reports/a.pdf', data: pdf })) as { error?: string };
      assert.match(fromPdf.error ?? '', /浏览器中的 VS Code）无法读取 PDF：请在桌面版 VS Code 或 nianbao 命令行中导入/);
    } finally {
      await client.stop();
    }
  });
});
