/**
 * The browser's bundles as built (issue 25), in `npm test`, without a browser:
 * - dist/web/server.js runs in a bare JavaScript context shaped like a web worker (no `document`,
 *   no `process`, no `require`, no `Buffer`): initialize, a seed opened, its diagnostics pulled,
 *   the same as the CLI's, over the worker's messages;
 * - the build fails on a Node built-in module pulled into a browser bundle, naming the importer;
 * - the extension's browser entry and the .vsix's files name the web bundles.
 * The real web-worker extension host runs in `npm run test:web`.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createContext, runInContext } from 'node:vm';
import { build } from 'esbuild';
import { checkText } from '../../server/src/core/index.js';
import { FIXTURES, ROOT } from './helpers.js';

type Message = { id?: number; method?: string; params?: unknown; result?: unknown; error?: unknown };

/** dist/web/server.js started in a context with only what a dedicated worker has; messages in and out. */
function startWorker(): { send(message: Message): void; next(test: (m: Message) => boolean, ms?: number): Promise<Message>; globals: string[] } {
  const listeners: ((event: { data: unknown }) => void)[] = [];
  const received: Message[] = [];
  const waiting: { test: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];
  const deliver = (message: Message): void => {
    const i = waiting.findIndex((w) => w.test(message));
    if (i >= 0) waiting.splice(i, 1)[0]!.resolve(message);
    else received.push(message);
  };
  const scope: Record<string, unknown> = {
    console: { log() {}, info() {}, warn() {}, error() {}, debug() {} },
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    queueMicrotask,
    TextEncoder,
    TextDecoder,
    performance,
    atob,
    btoa,
    URL,
    postMessage: (data: unknown) => deliver(data as Message),
    addEventListener: (type: string, listener: (event: { data: unknown }) => void) => {
      if (type === 'message') listeners.push(listener);
    },
    removeEventListener() {},
  };
  scope.self = scope;
  scope.globalThis = scope;
  const context = createContext(scope);
  runInContext(readFileSync(join(ROOT, 'dist', 'web', 'server.js'), 'utf8'), context, { filename: 'dist/web/server.js' });
  // vscode-jsonrpc's BrowserMessageReader listens through `onmessage`.
  const dispatch = (data: unknown): void => {
    for (const listener of listeners) listener({ data });
    (scope.onmessage as ((event: { data: unknown }) => void) | undefined)?.({ data });
  };
  return {
    send: (message) => dispatch({ jsonrpc: '2.0', ...message }),
    next(test, ms = 10_000) {
      const found = received.findIndex(test);
      if (found >= 0) return Promise.resolve(received.splice(found, 1)[0]!);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no such message from the worker')), ms);
        waiting.push({ test, resolve: (m) => (clearTimeout(timer), resolve(m)) });
      });
    },
    globals: Object.keys(scope),
  };
}

describe('the web bundles', () => {
  it('the language server of dist/web/server.js runs in a context with a web worker’s globals only, and checks a seed as the CLI does', async () => {
    const worker = startWorker();
    assert.ok(!worker.globals.includes('document') && !worker.globals.includes('process') && !worker.globals.includes('require'));
    worker.send({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: { textDocument: { diagnostic: {} } }, initializationOptions: { displayLanguage: 'zh-cn', extensionUri: 'https://example.test/ext' } } });
    const init = await worker.next((m) => m.id === 1);
    assert.equal((init.result as { serverInfo: { name: string } }).serverInfo.name, 'nianbao');
    worker.send({ method: 'initialized', params: {} });
    const text = readFileSync(join(FIXTURES, 'seeds', 'seed-000-luhu-2020.md'), 'utf8');
    const uri = 'vscode-test-web://mount/seeds/seed-000-luhu-2020.md';
    worker.send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'markdown', version: 1, text } } });
    worker.send({ id: 2, method: 'textDocument/diagnostic', params: { textDocument: { uri } } });
    // The server asks the client for its settings, then for the workspace's files: no answer is no file.
    for (;;) {
      const message = await worker.next((m) => m.id === 2 || m.method !== undefined);
      if (message.id === 2 && message.method === undefined) {
        const items = (message.result as { items: { code: string; range: { start: { line: number } }; codeDescription?: { href: string } }[] }).items;
        const result = checkText(text);
        const expected = result.findings.map((f) => `${result.report.lines.lineAt(f.range.start) + 1}:${f.rule}`).sort();
        // Array.from: the worker's arrays are of another realm.
        assert.deepEqual(Array.from(items, (d) => `${d.range.start.line + 1}:${d.code}`).sort(), expected);
        assert.equal(items[0]!.codeDescription?.href, `https://example.test/ext/docs/rules/${items[0]!.code}.md`);
        break;
      }
      if (message.id !== undefined && message.method !== undefined) {
        const answer = message.method === 'workspace/configuration' ? (message.params as { items: unknown[] }).items.map(() => ({ locale: 'zh-cn' })) : null;
        worker.send({ id: message.id, result: answer });
      }
    }
  });

  describe('the build', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-web-build-'));
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('fails on a Node built-in module in a browser bundle, naming the module and the importer', async () => {
      const { browserBuild } = (await import(join(ROOT, 'scripts', 'build.mjs'))) as { browserBuild: Record<string, unknown> };
      for (const specifier of ['node:zlib', 'fs', 'path/posix']) {
        const entry = join(dir, 'entry.ts');
        writeFileSync(entry, `import * as m from '${specifier}';\nexport const used = m;\n`);
        await assert.rejects(
          build({ ...browserBuild, entryPoints: [entry], write: false, logLevel: 'silent' }),
          (error: Error) => error.message.includes(`"${specifier}" is a Node built-in module, imported by ${entry}`),
          specifier,
        );
      }
    });
  });

  it('is what the manifest’s browser entry and the .vsix name; a Word file in the explorer offers the import', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      main: string;
      browser: string;
      contributes: { menus: Record<string, { command: string; when: string }[]> };
    };
    assert.equal(pkg.main, './dist/client.js');
    assert.equal(pkg.browser, './dist/web/client.js');
    // The import reads the file through VS Code: in a browser's workspace, the explorer is where a Word file is.
    const explorer = pkg.contributes.menus['explorer/context']?.find((m) => m.command === 'nianbao.importWord');
    assert.ok(explorer, 'nianbao.importWord in the explorer’s context menu');
    const when = /=~ \/(.+)\/i$/.exec(explorer.when)?.[1];
    assert.ok(when && ['.docx', '.html', '.htm', '.DOCX'].every((ext) => new RegExp(when, 'i').test(ext)) && !new RegExp(when, 'i').test('.md'), explorer.when);
    const ignore = readFileSync(join(ROOT, '.vscodeignore'), 'utf8');
    for (const file of ['dist/web/client.js', 'dist/web/server.js']) assert.match(ignore, new RegExp(`^!${file.replace(/[./]/g, '\\$&')}$`, 'm'));
  });
});
