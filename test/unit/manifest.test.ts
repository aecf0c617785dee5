/**
 * The extension manifest (package.json) and its translations: commands, settings, capabilities,
 * engine versions, and every user-visible string in both English and Chinese.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../../server/src/core/index.js';
import { ROOT } from './helpers.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const readJson = <T = JsonObject>(...path: string[]): T => JSON.parse(readFileSync(join(ROOT, ...path), 'utf8')) as T;

const pkg = readJson('package.json');
const nls = { en: readJson<Record<string, string>>('package.nls.json'), zh: readJson<Record<string, string>>('package.nls.zh-cn.json') };
const contributes = pkg.contributes as JsonObject;

/** `%key%` → key; undefined for any other value. */
function nlsKey(value: Json | undefined): string | undefined {
  return typeof value === 'string' ? /^%([^%\s]+)%$/.exec(value)?.[1] : undefined;
}

/** Every `%key%` string anywhere in a JSON value. */
function nlsKeys(value: Json, found: Set<string> = new Set()): Set<string> {
  const key = nlsKey(value);
  if (key) found.add(key);
  else if (Array.isArray(value)) for (const item of value) nlsKeys(item, found);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) nlsKeys(item, found);
  return found;
}

/** A `^x.y.z` range as [major, minor, patch]. */
function caretMinimum(range: string): [number, number, number] {
  const m = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range);
  assert.ok(m, `expected a range ^x.y.z, got ${range}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** The `{0}` placeholders of a message, sorted. */
function placeholders(message: string): string[] {
  return (message.match(/\{\d+\}/g) ?? []).sort();
}

/** The TypeScript files of a folder, recursively (none if it does not exist). */
function sources(dir: string): string[] {
  if (!existsSync(join(ROOT, dir))) return [];
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => readFileSync(join(ROOT, dir, file), 'utf8'));
}

/**
 * The messages of `l10n.t('…')` calls, and the number of calls whose message is not a plain
 * string literal (quoted, without escapes or substitutions).
 */
function l10nMessages(texts: readonly string[]): { messages: Set<string>; nonLiteral: number } {
  const messages = new Set<string>();
  let nonLiteral = 0;
  for (const text of texts) {
    for (const call of text.matchAll(/\bl10n\.t\(\s*/g)) {
      const rest = text.slice(call.index + call[0].length);
      const literal = /^(?:'([^'\\\n]*)'|"([^"\\\n]*)"|`([^`\\$]*)`)\s*[,)]/.exec(rest);
      if (literal) messages.add((literal[1] ?? literal[2] ?? literal[3])!);
      else nonLiteral++;
    }
  }
  return { messages, nonLiteral };
}

describe('manifest', () => {
  it('starts the client on Markdown and declares the localisation folder', () => {
    assert.equal(pkg.main, './dist/client.js');
    assert.deepEqual(pkg.activationEvents, ['onLanguage:markdown']);
    assert.equal(pkg.l10n, './l10n');
  });

  it('declares support for untrusted and virtual workspaces', () => {
    assert.deepEqual(pkg.capabilities, { untrustedWorkspaces: { supported: true }, virtualWorkspaces: true });
  });

  it('requires a VS Code that vscode-languageclient supports, and no newer API than @types/vscode allows', () => {
    const engine = caretMinimum((pkg.engines as JsonObject).vscode as string);
    const clientPkg = readJson<{ engines: { vscode: string } }>('node_modules', 'vscode-languageclient', 'package.json');
    const clientEngine = caretMinimum(clientPkg.engines.vscode);
    assert.equal(engine[0], clientEngine[0], 'engines.vscode must have the major version vscode-languageclient requires');
    assert.ok(compareVersions(engine, clientEngine) >= 0, `engines.vscode ${engine.join('.')} is older than vscode-languageclient's ${clientPkg.engines.vscode}`);
    const types = readJson<{ version: string }>('node_modules', '@types', 'vscode', 'package.json').version.split('.').map(Number);
    assert.ok(compareVersions(types, engine) <= 0, `@types/vscode ${types.join('.')} is newer than engines.vscode ${engine.join('.')}`);
  });

  it('contributes commands in category nianbao 年报, each with a translated title and a handler', () => {
    const commands = contributes.commands as JsonObject[];
    const handlers = sources('client/src').join('\n');
    assert.deepEqual(
      commands.map((c) => c.command),
      [
        'nianbao.insertTable',
        'nianbao.newReport',
        'nianbao.fixAll',
        'nianbao.toggleFixOnSave',
        'nianbao.convertTable',
        'nianbao.convertDocument',
        'nianbao.importWord',
        'nianbao.nextYear',
        'nianbao.exportWord',
        'nianbao.showOutput',
        'nianbao.showMenu',
        'nianbao.fillTotals',
        'nianbao.recomputeTotals',
        'nianbao.nextCell',
        'nianbao.previousCell',
        'nianbao.cellBelow',
        'nianbao.cellAbove',
        'nianbao.openTableForm',
        'nianbao.previewOfficial',
      ],
    );
    for (const command of commands) {
      assert.equal(command.category, 'nianbao 年报', `${command.command}: category`);
      const key = nlsKey(command.title);
      assert.ok(key, `${command.command}: the title must be a %key%`);
      assert.ok(nls.en[key], `${command.command}: ${key} is missing from package.nls.json`);
      assert.ok(nls.zh[key], `${command.command}: ${key} is missing from package.nls.zh-cn.json`);
      assert.ok(handlers.includes(`registerCommand('${command.command}'`), `${command.command} is not registered in client/src`);
    }
    // Typing 年报 (or nianbao) in the palette finds every command, in a Chinese and in an English VS
    // Code (issue 20): the palette matches on 「category: title」; the English titles carry the Chinese.
    for (const command of commands) {
      const key = nlsKey(command.title)!;
      for (const table of [nls.en, nls.zh]) {
        const shown = `${command.category as string}: ${table[key]!}`;
        assert.ok(shown.includes('年报') && shown.includes('nianbao'), shown);
      }
      assert.match(nls.en[key]!, /^[\u4e00-\u9fff].*\([A-Z][^)]*\)$/, `${key}: Chinese first, the English in brackets`);
    }
    const palette = (contributes.menus as JsonObject).commandPalette as JsonObject[];
    for (const entry of palette) {
      assert.ok(commands.some((c) => c.command === entry.command), `menus.commandPalette names an unknown command ${entry.command}`);
      assert.match(entry.when as string, /editorLangId == markdown/);
    }
  });

  it('binds the spreadsheet keys only in a standard table, never over a suggestion, a snippet or inline completion (issue 21)', () => {
    const bindings = contributes.keybindings as JsonObject[];
    assert.deepEqual(
      bindings.map((b) => `${b.key as string}→${b.command as string}`),
      ['tab→nianbao.nextCell', 'shift+tab→nianbao.previousCell', 'enter→nianbao.cellBelow', 'shift+enter→nianbao.cellAbove'],
    );
    for (const binding of bindings) {
      const terms = (binding.when as string).split(' && ');
      for (const term of ['editorTextFocus', 'editorLangId == markdown', 'nianbao.inTable', '!editorReadonly', '!suggestWidgetVisible', '!inSnippetMode', '!inlineSuggestionVisible', '!editorHasMultipleSelections', '!editorTabMovesFocus']) {
        assert.ok(terms.includes(term), `${binding.key as string}: when has ${term}`);
      }
    }
    const handlers = sources('client/src').join('\n');
    assert.ok(handlers.includes("'setContext', IN_TABLE_KEY"), 'the client sets nianbao.inTable');
  });

  it('has every %key% in both nls files, and no unused or untranslated key', () => {
    const used = nlsKeys(pkg);
    for (const [name, table] of Object.entries(nls)) {
      for (const key of used) assert.ok(typeof table[key] === 'string' && table[key].trim(), `${key} is missing from the ${name} nls file`);
      for (const key of Object.keys(table)) assert.ok(used.has(key), `${key} of the ${name} nls file is not used in package.json`);
    }
    assert.deepEqual(Object.keys(nls.zh).sort(), Object.keys(nls.en).sort());
    for (const key of used) assert.notEqual(nls.zh[key], nls.en[key], `${key} is not translated into Chinese`);
  });

  it('contributes the seven settings, each typed, described and defaulted', () => {
    const configuration = contributes.configuration as JsonObject;
    assert.ok(nlsKey(configuration.title), 'configuration.title must be a %key%');
    const properties = configuration.properties as Record<string, JsonObject>;
    assert.deepEqual(Object.keys(properties).sort(), ['nianbao.enable', 'nianbao.files', 'nianbao.format', 'nianbao.locale', 'nianbao.maxFileSize', 'nianbao.rules', 'nianbao.run']);
    const expected: Record<string, { type: string; default: Json; enum?: string[] }> = {
      'nianbao.enable': { type: 'boolean', default: true },
      'nianbao.run': { type: 'string', default: 'onType', enum: ['onType', 'onSave'] },
      'nianbao.rules': { type: 'object', default: {} },
      'nianbao.format': { type: 'string', default: 'auto', enum: ['auto', '2019', '2021'] },
      'nianbao.locale': { type: 'string', default: 'zh-CN', enum: ['zh-CN', 'en', 'auto'] },
      'nianbao.files': { type: 'array', default: [] },
      'nianbao.maxFileSize': { type: 'number', default: 5 },
    };
    for (const [name, want] of Object.entries(expected)) {
      const setting = properties[name]!;
      assert.ok(nlsKey(setting.description), `${name}: the description must be a %key%`);
      assert.equal(setting.type, want.type, `${name}: type`);
      assert.deepEqual(setting.default, want.default, `${name}: default`);
      if (want.enum) {
        assert.deepEqual(setting.enum, want.enum, `${name}: enum`);
        const descriptions = setting.enumDescriptions as Json[];
        assert.equal(descriptions.length, want.enum.length, `${name}: one enumDescription per value`);
        for (const d of descriptions) assert.ok(nlsKey(d), `${name}: enumDescriptions must be %keys%`);
      }
    }
    assert.deepEqual(properties['nianbao.files']!.items, { type: 'string' });
  });

  it('lists exactly the registry rules in nianbao.rules, each error|warning|info|off with its description', () => {
    const rules = ((contributes.configuration as JsonObject).properties as Record<string, JsonObject>)['nianbao.rules']!;
    assert.equal(rules.additionalProperties, false);
    const properties = rules.properties as Record<string, JsonObject>;
    assert.deepEqual(Object.keys(properties), RULES.map((rule) => rule.id));
    const severityZh = { error: '错误', warning: '警告', info: '提示', hint: '建议' } as const;
    for (const rule of RULES) {
      const property = properties[rule.id]!;
      assert.equal(property.type, 'string');
      assert.deepEqual(property.enum, ['error', 'warning', 'info', 'hint', 'off'], `${rule.id}: enum`);
      assert.equal((property.enumDescriptions as Json[]).length, 5, `${rule.id}: enumDescriptions`);
      const key = nlsKey(property.description);
      assert.ok(key, `${rule.id}: the description must be a %key%`);
      // The settings hover says what the registry says: update the nls files when a rule's description changes.
      assert.equal(nls.en[key], `${rule.description.en}. Default: ${rule.defaultSeverity}.`, `${rule.id}: English description`);
      assert.equal(nls.zh[key], `${rule.description.zh}。默认级别：${severityZh[rule.defaultSeverity]}。`, `${rule.id}: Chinese description`);
    }
  });

  it('contributes the snippets, the injection grammar and the code action kinds', () => {
    assert.deepEqual(contributes.snippets, [{ language: 'markdown', path: './snippets/markdown.json' }]);
    assert.deepEqual(contributes.grammars, [
      { scopeName: 'markdown.nianbao.injection', path: './syntaxes/nianbao.markdown.tmLanguage.json', injectTo: ['text.html.markdown'] },
    ]);
    const codeActions = contributes.codeActions as JsonObject[];
    assert.equal(codeActions.length, 1);
    assert.deepEqual(codeActions[0]!.languages, ['markdown']);
    const actions = codeActions[0]!.actions as JsonObject[];
    assert.deepEqual(actions.map((a) => a.kind), ['quickfix', 'source.fixAll.nianbao', 'refactor.rewrite.nianbao.totals']);
    for (const action of actions) assert.ok(nlsKey(action.title), `code action ${action.kind}: the title must be a %key%`);
  });

  it('registers the generated schema of .nianbaorc.json, which names every registry rule, and ships it', () => {
    assert.deepEqual(contributes.jsonValidation, [{ fileMatch: '.nianbaorc.json', url: './schemas/nianbaorc.schema.json' }]);
    assert.deepEqual(contributes.languages, [{ id: 'jsonc', filenames: ['.nianbaorc.json'] }], 'comments are allowed in it');
    const schema = readJson<{ properties: { rules: { properties: Record<string, { enum: string[]; description: string }> } } }>('schemas', 'nianbaorc.schema.json');
    const rules = schema.properties.rules.properties;
    assert.deepEqual(Object.keys(rules), RULES.map((r) => r.id));
    for (const [id, rule] of Object.entries(rules)) {
      assert.deepEqual(rule.enum, ['error', 'warning', 'info', 'hint', 'off'], id);
      assert.match(rule.description, /[\u4e00-\u9fff]/, `${id}: described in Chinese`);
    }
    assert.match(readFileSync(join(ROOT, '.vscodeignore'), 'utf8'), /^!schemas\/\*\.json$/m);
  });

  it('packages with vsce, offline, into nianbao-<version>.vsix', () => {
    const script = (pkg.scripts as JsonObject).package as string;
    assert.match(script, /vsce package/);
    assert.match(script, /--no-dependencies/);
    assert.doesNotMatch(script, /--out\b/, 'the default output name is nianbao-<version>.vsix');
  });
});

describe('runtime strings', () => {
  const bundle = readJson<Record<string, string>>('l10n', 'bundle.l10n.zh-cn.json');

  it('translates every vscode.l10n.t message of the client into Chinese, with the same placeholders', () => {
    const { messages, nonLiteral } = l10nMessages(sources('client/src'));
    assert.equal(nonLiteral, 0, 'every l10n.t call in client/src must pass its message as a string literal, so that it can be checked here');
    assert.ok(messages.size > 0);
    for (const message of messages) {
      const zh = bundle[message];
      assert.ok(zh, `l10n/bundle.l10n.zh-cn.json has no translation of ${JSON.stringify(message)}`);
      assert.deepEqual(placeholders(zh), placeholders(message), `placeholders of ${JSON.stringify(message)}`);
    }
  });

  it('translates the language server messages that are shown through the bundle', () => {
    // The server translates with `t(language, 'message', …)` (server/src/server/locale.ts).
    const messages = new Set<string>();
    for (const text of sources('server/src/server')) {
      for (const m of text.matchAll(/\bt\((?:[^'"`()]|\([^()]*\))*?,\s*'([^'\\\n]*)'/g)) messages.add(m[1]!);
    }
    assert.ok(messages.size >= 3, 'the server strings were found');
    for (const message of messages) {
      const zh = bundle[message];
      assert.ok(zh, `l10n/bundle.l10n.zh-cn.json has no translation of ${JSON.stringify(message)}`);
      assert.deepEqual(placeholders(zh), placeholders(message), `placeholders of ${JSON.stringify(message)}`);
    }
  });
});
