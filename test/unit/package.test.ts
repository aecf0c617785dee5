/**
 * `npm run package` builds a .vsix offline: vsce (with the flags of scripts.package) packages
 * the built extension into a temporary file, whose zip directory must list the bundles, the
 * translations, the snippets and the grammar, and nothing of node_modules, sources or tests.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ROOT } from './helpers.js';

/** Files other parts of the extension produce; packaging is tested once they all exist. */
const PREREQUISITES: Record<string, string> = {
  'dist/client.js': 'run `npm run build`',
  'dist/server.js': 'the language server (server/src/server/node/main.ts) is not written or not built yet',
  'dist/web/client.js': 'run `npm run build` (the browser entry)',
  'dist/web/server.js': 'run `npm run build` (the language server in a web worker)',
  'snippets/markdown.json': 'the snippets are not generated yet',
  'syntaxes/nianbao.markdown.tmLanguage.json': 'the grammar is not generated yet',
};

function missingPrerequisites(): string | undefined {
  const missing = Object.entries(PREREQUISITES).filter(([file]) => !existsSync(join(ROOT, file)));
  return missing.length ? `not packaged yet: ${missing.map(([file, why]) => `${file} is missing (${why})`).join('; ')}` : undefined;
}

/** The entry names of a zip file, read from its central directory. */
function zipEntries(zip: Buffer): string[] {
  // The end-of-central-directory record: at the end, before a comment of at most 65535 bytes.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  assert.ok(eocd >= 0, 'not a zip file: no end-of-central-directory record');
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    assert.equal(zip.readUInt32LE(offset), 0x02014b50, 'corrupt zip central directory');
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    names.push(zip.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

describe('vsix package', () => {
  const skip = missingPrerequisites();
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-vsix-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('packages the extension with vsce and ships only what the extension needs', { skip, timeout: 180_000 }, () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files?: string[]; scripts: Record<string, string> };
    assert.ok(
      !(pkg.files?.length && existsSync(join(ROOT, '.vscodeignore'))),
      'package.json has a "files" field and the project has a .vscodeignore: vsce refuses to package with both (remove "files" from package.json)',
    );
    // The flags of `npm run package`, with the output redirected to the temporary folder.
    const flags = /\bvsce package((?:\s+--[\w-]+)*)/.exec(pkg.scripts.package ?? '');
    assert.ok(flags, 'scripts.package must run `vsce package`');
    const out = join(dir, 'nianbao.vsix');
    const vsce = spawnSync(process.execPath, [join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', ...flags[1]!.trim().split(/\s+/), '--out', out], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      timeout: 170_000,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    assert.equal(vsce.status, 0, `vsce package failed:\n${vsce.stdout}\n${vsce.stderr}`);

    const entries = zipEntries(readFileSync(out));
    for (const file of [
      'extension/package.json',
      'extension/dist/client.js',
      'extension/dist/server.js',
      'extension/dist/web/client.js',
      'extension/dist/web/server.js',
      'extension/package.nls.json',
      'extension/package.nls.zh-cn.json',
      'extension/l10n/bundle.l10n.zh-cn.json',
      'extension/snippets/markdown.json',
      'extension/syntaxes/nianbao.markdown.tmLanguage.json',
      'extension/media/preview.css',
    ]) {
      assert.ok(entries.includes(file), `the package lacks ${file}; it holds:\n${entries.join('\n')}`);
    }
    const unwanted = entries.filter(
      (entry) =>
        /(^|\/)node_modules\//.test(entry) ||
        /(^|\/)(test|tests|fixtures|scratch|bench)\//.test(entry) ||
        /\.test\.[cm]?[jt]s$/.test(entry) ||
        /\.ts$/.test(entry) ||
        /\.map$/.test(entry) ||
        /\.vsix$/.test(entry),
    );
    assert.deepEqual(unwanted, [], 'the package holds files the extension does not need');
  });
});

describe('npm tarball', () => {
  it('declares no runtime dependency: the bundles carry them, so the tarball installs offline', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    assert.deepEqual(
      Object.keys(pkg.dependencies ?? {}),
      [],
      'a library the code imports is bundled into dist/ by scripts/build.mjs: list it in devDependencies, or `npm install -g` of the tarball needs the npm registry',
    );
  });

  it('packs the CLI bundle, its launcher, the rule pages, the README and the licence, nothing else', { timeout: 60_000 }, () => {
    const pack = spawnSync('npm', ['pack', '--dry-run', '--ignore-scripts', '--json', '--silent'], { cwd: ROOT, encoding: 'utf8', timeout: 55_000 });
    assert.equal(pack.status, 0, pack.stderr);
    const files = (JSON.parse(pack.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path).sort();
    for (const file of ['bin/nianbao.js', 'dist/cli.js', 'docs/rules/README.md', 'docs/rules/balance.md', 'README.md', 'LICENSE', 'package.json']) {
      assert.ok(files.includes(file), `the tarball lacks ${file}`);
    }
    const unwanted = files.filter((f) => !/^(bin\/nianbao\.js|dist\/cli\.js|docs\/(rules\/[\w-]+\.md|images\/[\w-]+\.png)|README\.md|LICENSE|package\.json)$/.test(f));
    assert.deepEqual(unwanted, [], 'the tarball holds files the CLI does not need (.npmignore)');
  });
});
