/**
 * One options value per document, for the check and for fix-all alike (issue 19): a rule the
 * user turned off stays off for `--fix` and the editor's fix-all, a forced format stays forced,
 * and the CLI's `--fix` and the editor's fix-all command give the same text, byte for byte, on
 * every fixture under three settings. A save (`source.fixAll.nianbao`) applies only the safe fixes
 * that correct text in place (issue 20): never a section or a table inserted, never prose edited.
 *
 * Needs dist/ (the CLI runs as built; `npm test` builds first).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { checkText, fixAll, fixText, type RuleSettings } from '../../server/src/core/index.js';
import { decodeText } from '../../server/src/shell/encoding.js';
import { FIXTURES, ROOT } from './helpers.js';
import { PULL_CAPABILITIES, TestClient } from './lsp-client.js';

const BIN = join(ROOT, 'bin', 'nianbao.js');
const SEED_002 = join(FIXTURES, 'seeds', 'seed-002-gulou-2021.md');
/** Seed 002's mistyped label (table-label's safe fix writes 本年制发件数). */
const TYPO = '半年制发件数';

function nianbao(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A folder holding `files` (name → source path) and, if given, a `.nianbaorc.json`. */
function workspace(files: Record<string, string>, config?: object): string {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-fix-options-'));
  for (const [name, source] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    copyFileSync(source, join(dir, name));
  }
  if (config) writeFileSync(join(dir, '.nianbaorc.json'), JSON.stringify(config));
  return dir;
}

/** A file's text as nianbao reads it (and as an editor shows it: without the byte order mark). */
function textOf(path: string): string {
  const decoded = decodeText(readFileSync(path));
  assert.ok(decoded, `${path} is text`);
  return decoded.text;
}

/** Every Markdown fixture, by its path under test/fixtures. */
function fixtureFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md') && entry.name !== 'README.md' && entry.name !== 'EXPECTED.md') out[relative(FIXTURES, path)] = path;
    }
  };
  walk(FIXTURES);
  return out;
}

/**
 * The editor's fix-all of a text under some settings: the command 修复所有可安全修复的问题
 * (`nianbao.server.fixAll`), whose edit the server sends back through workspace/applyEdit.
 * (`source.fixAll.nianbao`, what a save runs, applies only the fixes in place: see below.)
 */
async function editorFixAll(client: TestClient, uri: string, text: string): Promise<string> {
  await client.open(uri, text, 1);
  const before = client.applied.length;
  await client.connection.sendRequest('workspace/executeCommand', { command: 'nianbao.server.fixAll', arguments: [uri, 1] });
  const sent = client.applied.slice(before) as { edit: { documentChanges: [] } }[];
  for (const applied of sent) await client.applyWorkspaceEdit(uri, applied.edit as never);
  const fixed = client.text(uri);
  await client.close(uri);
  return fixed;
}

/** What a save applies: the source.fixAll.nianbao action. */
async function onSaveFixAll(client: TestClient, uri: string, text: string): Promise<string> {
  await client.open(uri, text);
  const actions = (await client.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll.nianbao'] },
  })) as CodeAction[];
  if (actions[0]?.edit) await client.applyWorkspaceEdit(uri, actions[0].edit as never);
  const fixed = client.text(uri);
  await client.close(uri);
  return fixed;
}

describe('--fix and fix-all take the options of the check', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.inProcess();
    await client.initialize(PULL_CAPABILITIES);
  });
  after(async () => {
    await client.stop();
  });

  it('check --fix leaves a rule the config file turns off unfixed (the bug of issue 19)', () => {
    const dir = workspace({ 'gulou.md': SEED_002 }, { rules: { 'table-label': 'off' } });
    try {
      const checked = nianbao(['check', '--format', 'json', 'gulou.md'], dir);
      assert.ok(!(JSON.parse(checked.stdout) as { rule: string }[]).some((f) => f.rule === 'table-label'), 'check reports no table-label');
      nianbao(['check', '--fix', 'gulou.md'], dir);
      const fixed = readFileSync(join(dir, 'gulou.md'), 'utf8');
      assert.ok(fixed.includes(TYPO), '--fix did not apply the fix of a rule turned off');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('check --fix --rule id=off leaves that rule unfixed; without it the label is fixed', () => {
    const dir = workspace({ 'off.md': SEED_002, 'on.md': SEED_002 });
    try {
      nianbao(['check', '--fix', '--rule', 'table-label=off', 'off.md'], dir);
      nianbao(['check', '--fix', 'on.md'], dir);
      assert.ok(readFileSync(join(dir, 'off.md'), 'utf8').includes(TYPO));
      assert.ok(!readFileSync(join(dir, 'on.md'), 'utf8').includes(TYPO));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the editor’s fix-all leaves a rule nianbao.rules turns off unfixed', async () => {
    const text = readFileSync(SEED_002, 'utf8');
    client.settings = { rules: { 'table-label': 'off' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    try {
      const fixed = await editorFixAll(client, 'file:///fix-options/off.md', text);
      assert.ok(fixed.includes(TYPO));
      assert.equal(fixed, fixText(text, { rules: { 'table-label': 'off' } }).text);
    } finally {
      client.settings = {};
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    }
  });

  it('a save applies the safe fixes in place only, on every fixture: never a section or a table inserted, never prose edited', async () => {
    client.settings = { files: ['**/*.md'] };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    try {
      let inserted = 0;
      for (const [name, source] of Object.entries(fixtureFiles())) {
        const text = textOf(source);
        const saved = await onSaveFixAll(client, pathToFileURL(join('/fix-options/save', name)).href, text);
        assert.equal(saved, fixAll(checkText(text), {}, 'inPlace').text, name);
        // Nothing but in-place corrections: the lines keep their number and the headings their place.
        assert.equal(saved.split('\n').length, text.split('\n').length, `${name}: a save added or removed lines`);
        if (fixText(text).text.split('\n').length !== text.split('\n').length) inserted++;
      }
      assert.ok(inserted > 10, `the fix-all command inserts lines in ${inserted} fixtures, a save in none`);
    } finally {
      client.settings = {};
    }
  });

  it('check --fix honours a format the config file forces', () => {
    // A 2021 report whose safe fixes depend on the format: checked as 2019, they differ.
    const source = join(FIXTURES, 'precision', 'variants-2021.md');
    const text = textOf(source);
    const forced = fixText(text, { format: '2019' }).text;
    assert.notEqual(forced, fixText(text).text, 'precondition: the format changes what fix-all does');
    const dir = workspace({ 'variants.md': source }, { format: '2019' });
    try {
      nianbao(['check', '--fix', 'variants.md'], dir);
      assert.equal(textOf(join(dir, 'variants.md')), forced);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  /** The same settings as a config file (CLI) and as editor settings. */
  const SETTINGS: { name: string; folder: string; rules?: RuleSettings; format?: '2019' | '2021' }[] = [
    { name: 'defaults', folder: 'defaults' },
    { name: 'rules off', folder: 'rules-off', rules: { 'table-label': 'off', 'section-heading': 'off', 'doubled-word': 'off' } },
    { name: 'forced 2019 format', folder: 'forced-2019', format: '2019', rules: { 'cell-value': 'off' } },
  ];
  const configOf = (setting: (typeof SETTINGS)[number]) => ({
    ...(setting.rules ? { rules: setting.rules } : {}),
    ...(setting.format ? { format: setting.format } : {}),
  });

  describe('CLI --fix and the editor’s fix-all give the same text on every fixture', () => {
    const files = fixtureFiles();
    let dir: string;
    before(() => {
      // One run of the CLI over every fixture in one folder per setting, each with its config file,
      // as a reviewer's folders would have them (in one thread: the worker threads' options have
      // their own test, config.test.ts "passes the config through the worker threads").
      dir = mkdtempSync(join(tmpdir(), 'nianbao-fix-parity-'));
      const paths: string[] = [];
      for (const setting of SETTINGS) {
        for (const [name, source] of Object.entries(files)) {
          const path = join(setting.folder, name);
          mkdirSync(dirname(join(dir, path)), { recursive: true });
          copyFileSync(source, join(dir, path));
          paths.push(path);
        }
        if (setting.rules || setting.format) writeFileSync(join(dir, setting.folder, '.nianbaorc.json'), JSON.stringify(configOf(setting)));
      }
      const run = nianbao(['check', '--fix', '--jobs', '1', '--format', 'json', ...paths], dir);
      assert.ok(run.status === 0 || run.status === 1, run.stderr);
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    for (const setting of SETTINGS) {
      it(setting.name, async () => {
        // Every file counts as a report in the editor, as every file named on the command line does in the CLI.
        client.settings = { ...configOf(setting), files: ['**/*.md'] };
        await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
        try {
          let differing = 0;
          for (const [name, source] of Object.entries(files)) {
            const byEditor = await editorFixAll(client, pathToFileURL(join('/fix-options', setting.folder, name)).href, textOf(source));
            const byCli = textOf(join(dir, setting.folder, name));
            assert.equal(byCli, byEditor, `${name}: CLI --fix and the editor's fix-all differ`);
            if (byCli !== textOf(source)) differing++;
          }
          assert.ok(differing > 20, `fix-all changed ${differing} fixtures: the comparison compares fixes`);
        } finally {
          client.settings = {};
        }
      });
    }
  });
});
