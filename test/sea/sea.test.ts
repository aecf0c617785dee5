/**
 * `npm run test:sea`: the files `npm run sea` makes for a reviewer without Node, run as a reviewer
 * runs them and compared with `node dist/cli.js` on the same input — the Linux executable on the
 * bundled examples and on a mixed folder (GB18030, UTF-16 and unreadable files, a note that is no
 * report, nested folders) for check (stylish, JSON, English, --jobs worker threads, --fix,
 * --fix-dry-run, --stdin), export, import, next, and the exit codes; the Windows executable read
 * as a PE file (the injected application, the fuse, no corrupt signature) and run under Debian's
 * Wine where it can be installed; the npm tarball installed offline into a temporary prefix.
 * Slow (it starts the executables some sixty times), so not part of `npm test`.
 */
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import * as ResEdit from 'resedit';
import { MIN_FILES_FOR_WORKERS } from '../../server/src/cli/parallel.js';
import { peChecksum, rcdataResource, readPeHeaders } from './pe.js';

const ROOT = join(__dirname, '..', '..');
const EXAMPLES = join(ROOT, 'examples');
const MANIFEST = join(ROOT, 'dist-sea', 'build', 'manifest.json');

/** What scripts/sea.mjs wrote about its build. */
interface SeaManifest {
  readonly node: string;
  readonly fuse: string;
  readonly resource: string;
  readonly bundleAsset: string;
  readonly blob: string;
  readonly bundle: string;
  readonly bundleSha256: string;
  readonly cache: string;
  readonly files: { readonly 'linux-x64': string; readonly 'win-x64': string; readonly npm: string };
}

const manifest: SeaManifest | undefined = existsSync(MANIFEST) ? (JSON.parse(readFileSync(MANIFEST, 'utf8')) as SeaManifest) : undefined;
const notBuilt = manifest ? undefined : 'dist-sea/ is not built: run `npm run test:sea` (or `npm run sea` first)';

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function result(r: SpawnSyncReturns<string>): Run {
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** An environment without Node on PATH (the executable must not need it), colours off. */
const BARE_ENV: NodeJS.ProcessEnv = { PATH: '/nonexistent', HOME: tmpdir(), LANG: 'C.UTF-8', NO_COLOR: '1' };

const work = mkdtempSync(join(tmpdir(), 'nianbao-sea-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** The Linux executable, copied out of the repository as a reviewer has it (no docs/ above it). */
let exe = '';
before(() => {
  if (!manifest) return;
  mkdirSync(join(work, 'bin'));
  exe = join(work, 'bin', 'nianbao');
  copyFileSync(manifest.files['linux-x64'], exe);
  spawnSync('chmod', ['755', exe]);
});

function runExe(args: readonly string[], cwd: string, input?: string, env: NodeJS.ProcessEnv = BARE_ENV): Run {
  return result(spawnSync(exe, args, { cwd, env, input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 120_000 }));
}

function runNode(args: readonly string[], cwd: string, input?: string): Run {
  return result(spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], { cwd, env: { ...BARE_ENV, PATH: process.env['PATH'] }, input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 120_000 }));
}

/** Nothing a reviewer should see from Node itself: no warning of any kind on standard error. */
function assertNoNodeWarnings(run: Run): void {
  // Node's warnings are "(node:PID) [Experimental]Warning: …" (the one about require() in a single
  // executable included); the CLI's own help mentions "warnings", in lower case.
  assert.doesNotMatch(run.stderr, /\(node:\d+\)|[A-Z][A-Za-z]*Warning\b|single[- ]executable|--trace-warnings/, `Node printed a warning:\n${run.stderr}`);
}

/** Runs the executable and `node dist/cli.js` with the same arguments; both must agree exactly. */
function assertSame(args: readonly string[], cwd: string, input?: string): Run {
  const fromExe = runExe(args, cwd, input);
  const fromNode = runNode(args, cwd, input);
  assert.equal(fromExe.stderr, fromNode.stderr, `standard error of nianbao ${args.join(' ')}`);
  assert.equal(fromExe.stdout, fromNode.stdout, `standard output of nianbao ${args.join(' ')}`);
  assert.equal(fromExe.status, fromNode.status, `exit status of nianbao ${args.join(' ')}`);
  assertNoNodeWarnings(fromExe);
  return fromExe;
}

/** Every file under a folder (relative path → bytes). */
function tree(folder: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(folder, path), readFileSync(path));
    }
  };
  walk(folder);
  return files;
}

function assertSameTree(a: string, b: string): void {
  const left = tree(a);
  const right = tree(b);
  assert.deepEqual([...left.keys()].sort(), [...right.keys()].sort());
  for (const [path, bytes] of left) assert.ok(bytes.equals(right.get(path)!), `${path} differs`);
}

/**
 * A folder as a reviewer receives it: the six examples, one of them saved as GB18030 ("ANSI" on
 * Chinese Windows) and one as UTF-16 with a byte order mark in a subfolder, a note that is no
 * report, and a binary file named .md that cannot be read as text (exit 2, the others checked).
 */
function mixedFolder(at: string): string {
  mkdirSync(join(at, '乡镇', '二〇二一'), { recursive: true });
  for (const name of readdirSync(EXAMPLES).filter((f) => f.endsWith('.md') && f !== 'README.md')) {
    const text = readFileSync(join(EXAMPLES, name), 'utf8');
    if (name.startsWith('2021-')) writeFileSync(join(at, '乡镇', '二〇二一', name), iconv.encode(text, 'gb18030'));
    else if (name.startsWith('2020-')) writeFileSync(join(at, '乡镇', name), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    else copyFileSync(join(EXAMPLES, name), join(at, name));
  }
  writeFileSync(join(at, '说明.md'), '# 收件说明\n\n各单位的报告放在本目录。\n');
  writeFileSync(join(at, '扫描件.md'), Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02, 0x00, 0xff, 0x00]));
  // Issue 22: a Word file, a text PDF (pdfjs in the executable, its worker in the same thread) and a scan.
  copyFileSync(join(ROOT, 'test', 'fixtures', 'html', 'sources', 'html-mammoth-2021.docx'), join(at, '来稿.docx'));
  copyFileSync(join(ROOT, 'test', 'fixtures', 'forms', 'seeds--seed-002-gulou-2021.lo.pdf'), join(at, '鼓楼街道.pdf'));
  copyFileSync(join(ROOT, 'test', 'fixtures', 'forms', 'scanned.pdf'), join(at, '扫描版.pdf'));
  return at;
}

describe('Linux single executable', { skip: notBuilt }, () => {
  it('was built from the current bundle, and holds it as its main script and as the workers’ asset', () => {
    const bundle = readFileSync(join(ROOT, 'dist', 'cli.js'));
    assert.equal(createHash('sha256').update(bundle).digest('hex'), manifest!.bundleSha256, 'dist/cli.js changed since `npm run sea`: run it again');
    const blob = readFileSync(manifest!.blob);
    const first = blob.indexOf(bundle);
    assert.ok(first >= 0, 'the blob does not hold dist/cli.js');
    assert.ok(blob.indexOf(bundle, first + 1) > first, 'the blob holds dist/cli.js once: the worker asset is missing');
    const binary = readFileSync(manifest!.files['linux-x64']);
    assert.ok(binary.includes(`${manifest!.fuse}:1`), 'the fuse is not set');
    assert.ok(binary.includes(blob), 'the executable does not hold the blob');
  });

  it('checks the bundled examples as `node dist/cli.js` does, without Node on PATH, in Chinese', () => {
    const run = assertSame(['check', 'examples'], ROOT);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /✖ 已检查 6 个文件，共 \d+ 个问题：\d+ 个错误/);
    assert.match(run.stdout, /“自然人”列的办理结果合计不成立：（七）总计 7，各项办理结果之和 8/);
    assertSame(['check', '--format', 'json', 'examples'], ROOT);
    assertSame(['check', '--locale', 'en', '--quiet', 'examples'], ROOT);
  });

  it('reads a mixed folder as `node dist/cli.js` does: GB18030, UTF-16, a note, an unreadable file, a Word file, PDFs', () => {
    const folder = mixedFolder(join(work, '收到的报告'));
    const run = assertSame(['check', '收到的报告'], work);
    // Errors found: 1, and the files not read are named at the end (issue 22).
    assert.equal(run.status, 1);
    assert.match(run.stderr, /扫描件\.md/);
    assert.match(run.stdout, /收到的报告\/鼓楼街道\.pdf\n {2}第\d+页 /);
    assert.match(run.stdout, /收到的报告\/扫描版\.pdf：扫描版 PDF/);
    assert.match(run.stdout, /收到的报告\/来稿\.docx/);
    assert.match(run.stdout, /收到的报告\/乡镇\/二〇二一\/2021-白水镇人民政府\.md/);
    assert.match(run.stdout, /file-encoding/);
    assertSame(['check', '--format', 'json', '--verbose', '.'], folder);
    assertSame(['check', '--format', 'junit', '乡镇'], folder);
    // The reviewer's answers (issue 23): the same page and the same table from the executable.
    assert.match(assertSame(['check', '--format', 'html', '.'], folder).stdout, /<table class="summary">[\s\S]*扫描版\.pdf[\s\S]*<table class="table3">/);
    assert.match(assertSame(['check', '--format', 'csv', '.'], folder).stdout, /^\uFEFF单位,年度,格式,文件,位置,级别,问题\r\n/);
    // A quoted glob: tinyglobby and fdir, which loads optional modules with createRequire.
    assertSame(['check', '**/20*.md'], folder);
    assertSame(['check', '--fix-dry-run', '.'], folder);
    assertSame(['check', 'no-such-folder'], folder);
    assertSame(['check', '--format', 'nonsense', '.'], folder);
    assertSame(['check', '--stdin', '--stdin-filename', '草稿.md'], folder, readFileSync(join(EXAMPLES, '2024-白石县交通运输局.md'), 'utf8'));
    assertSame(['check', '--stdin', '--fix'], folder, readFileSync(join(EXAMPLES, '2024-白石县交通运输局.md'), 'utf8'));
  });

  it('answers --help, no command and an unknown option with the same text and exit codes', () => {
    assert.equal(assertSame(['--help'], work).status, 0);
    assert.equal(assertSame([], work).status, 2);
    assert.equal(assertSame(['check', '--no-such-option', '.'], work).status, 2);
    assert.equal(assertSame(['import', '--help'], work).status, 0);
  });

  it(`checks ${MIN_FILES_FOR_WORKERS} files and more on worker threads (--jobs) running the embedded bundle`, () => {
    const folder = join(work, 'batch');
    for (let i = 1; i <= 5; i++) mixedFolder(join(folder, `第${i}批`));
    const reports = [...tree(folder).keys()].filter((p) => !p.endsWith('说明.md') && !p.endsWith('扫描件.md'));
    assert.ok(reports.length >= MIN_FILES_FOR_WORKERS, `${reports.length} reports: too few for workers`);
    // NODE_DEBUG=worker makes Node log each worker it starts: proof that the workers ran.
    const traced = runExe(['check', '--jobs', '2', '--format', 'json', '.'], folder, undefined, { ...BARE_ENV, NODE_DEBUG: 'worker' });
    const started = traced.stderr.match(/^WORKER \d+: \[0\] created Worker with ID \d+$/gm) ?? [];
    assert.equal(started.length, 2, 'two worker threads');
    assert.doesNotMatch(traced.stderr, /^WORKER .*(error|exit code [1-9])/im);
    const parallel = assertSame(['check', '--jobs', '2', '--format', 'json', '.'], folder);
    const single = runNode(['check', '--jobs', '1', '--format', 'json', '.'], folder);
    assert.equal(parallel.stdout, single.stdout, 'workers give what one thread gives');
    // The tables of the HTML answer come back from the workers too.
    assert.equal(assertSame(['check', '--jobs', '2', '--format', 'html', '.'], folder).stdout, runNode(['check', '--jobs', '1', '--format', 'html', '.'], folder).stdout);
    // Errors found, and files not read: 1 (issue 22).
    assert.equal(parallel.status, 1);
    assert.equal((JSON.parse(parallel.stdout) as unknown[]).length, (JSON.parse(single.stdout) as unknown[]).length);
  });

  it('--fix writes the same files as `node dist/cli.js --fix`, GB18030 and UTF-16 in their encodings', () => {
    const byExe = mixedFolder(join(work, 'fix-exe'));
    const byNode = mixedFolder(join(work, 'fix-node'));
    const before = tree(byExe);
    const fromExe = runExe(['check', '--fix', '.'], byExe);
    const fromNode = runNode(['check', '--fix', '.'], byNode);
    assert.equal(fromExe.stdout, fromNode.stdout);
    assert.equal(fromExe.stderr, fromNode.stderr);
    assert.equal(fromExe.status, fromNode.status);
    assertNoNodeWarnings(fromExe);
    assertSameTree(byExe, byNode);
    const gb = join('乡镇', '二〇二一', '2021-白水镇人民政府.md');
    const after = tree(byExe);
    assert.ok(!after.get(gb)!.equals(before.get(gb)!), 'the GB18030 report was fixed');
    assert.match(iconv.decode(after.get(gb)!, 'gb18030'), /2\.其他法律行政法规禁止公开/, 'and written back in GB18030');
    const utf16 = after.get(join('乡镇', '2020-红河街道办事处.md'))!;
    assert.deepEqual([...utf16.subarray(0, 2)], [0xff, 0xfe], 'the UTF-16 report keeps its byte order mark');
  });

  it('exports .docx and .html, imports .docx and .html, and makes next year’s draft as Node does', async () => {
    const folder = join(work, 'documents');
    mkdirSync(folder);
    copyFileSync(join(EXAMPLES, '2021-白水镇人民政府.md'), join(folder, '白水镇.md'));
    copyFileSync(join(ROOT, 'test', 'fixtures', 'html', 'sources', 'html-mammoth-2021.docx'), join(folder, '来稿.docx'));
    const docx = (file: string) => JSZip.loadAsync(readFileSync(join(folder, file)));
    for (const [tool, suffix] of [
      ['exe', '甲'],
      ['node', '乙'],
    ] as const) {
      const run = tool === 'exe' ? runExe : runNode;
      const outputs = [
        run(['export', '--to', 'docx', '白水镇.md', '-o', `导出${suffix}.docx`], folder),
        run(['export', '--to', 'html', '白水镇.md', '-o', `导出${suffix}.html`], folder),
        run(['import', '来稿.docx', '-o', `导入docx${suffix}.md`], folder),
        run(['import', `导出${suffix}.html`, '-o', `导入html${suffix}.md`], folder),
        run(['next', '白水镇.md', '-o', `明年${suffix}.md`], folder),
        run(['import', `不存在${suffix}.docx`], folder),
      ];
      assert.deepEqual(
        outputs.map((o) => o.status),
        [0, 0, 0, 0, 0, 2],
        `${tool}: ${outputs.map((o) => o.stderr).join('')}`,
      );
      if (tool === 'exe') outputs.forEach(assertNoNodeWarnings);
    }
    for (const name of ['导出?.html', '导入docx?.md', '导入html?.md', '明年?.md']) {
      const exeFile = readFileSync(join(folder, name.replace('?', '甲')));
      assert.ok(exeFile.length > 1000, `${name} is not empty`);
      assert.ok(exeFile.equals(readFileSync(join(folder, name.replace('?', '乙')))), `${name}: the executable's differs from Node's`);
    }
    // A .docx differs only in its creation time (docProps/core.xml).
    const [fromExe, fromNode] = await Promise.all([docx('导出甲.docx'), docx('导出乙.docx')]);
    assert.deepEqual(Object.keys(fromExe.files).sort(), Object.keys(fromNode.files).sort());
    for (const name of Object.keys(fromExe.files)) {
      const strip = (s: string) => s.replace(/<dcterms:(created|modified)[^>]*>[^<]*</g, '<dcterms:$1><');
      assert.equal(strip(await fromExe.file(name)!.async('string')), strip(await fromNode.file(name)!.async('string')), name);
    }
    assert.match(await fromExe.file('word/document.xml')!.async('string'), /政府信息公开工作年度报告/);
  });
});

describe('Windows single executable', { skip: notBuilt }, () => {
  it('holds the application: the blob as the PE resource NODE_SEA_BLOB, the fuse set', () => {
    const pe = readFileSync(manifest!.files['win-x64']);
    const resource = rcdataResource(pe, manifest!.resource);
    assert.ok(resource, `no RT_RCDATA resource named ${manifest!.resource}`);
    assert.ok(resource.equals(readFileSync(manifest!.blob)), 'the resource is not the blob');
    assert.ok(resource.includes(readFileSync(manifest!.bundle)), 'the blob does not hold dist/cli.js');
    assert.ok(pe.includes(`${manifest!.fuse}:1`), 'the fuse is not set');
    assert.ok(!pe.includes(`${manifest!.fuse}:0`), 'an unset fuse is left');
  });

  it('carries no corrupt signature and a correct PE checksum', () => {
    const pe = readFileSync(manifest!.files['win-x64']);
    const headers = readPeHeaders(pe);
    assert.deepEqual(headers.certificate, { offset: 0, size: 0 }, 'node.exe’s signature no longer matches and must be gone');
    assert.equal(headers.checksum, peChecksum(pe));
    assert.ok(headers.sections.some((s) => s.name === '.rsrc'));
  });

  it('is named nianbao in its version resource, at the package version', () => {
    const executable = ResEdit.NtExecutable.from(readFileSync(manifest!.files['win-x64']), { ignoreCert: true });
    const [info] = ResEdit.Resource.VersionInfo.fromEntries(ResEdit.NtExecutableResource.from(executable).entries);
    assert.ok(info, 'no version resource');
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const language of info.getAllLanguagesForStringValues()) {
      const strings = info.getStringValues(language);
      assert.equal(strings['ProductName'], 'nianbao 年报检查');
      assert.match(strings['FileDescription'] ?? '', /^nianbao 年报检查/);
      assert.equal(strings['OriginalFilename'], 'nianbao.exe');
      assert.equal(strings['ProductVersion'], version);
      assert.match(strings['Comments'] ?? '', new RegExp(`Node\\.js ${manifest!.node.replace(/\./g, '\\.')}`));
    }
  });

  describe('under Wine', () => {
    let wine: { readonly wine: string; readonly prefix: string } | undefined;
    let why = '';
    before(() => {
      const setup = spawnSync('bash', [join(ROOT, 'scripts', 'wine-setup.sh')], { encoding: 'utf8', timeout: 1_500_000, env: { ...process.env, NIANBAO_SEA_CACHE: manifest!.cache } });
      const value = (key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(setup.stdout ?? '')?.[1];
      if (setup.status === 0 && value('NIANBAO_WINE') && value('NIANBAO_WINEPREFIX')) wine = { wine: value('NIANBAO_WINE')!, prefix: value('NIANBAO_WINEPREFIX')! };
      else why = `Wine is not available: ${(setup.stderr ?? '').trim() || setup.error?.message || `exit ${setup.status}`}`;
    });
    after(() => {
      // Wine's server outlives the last program by a few seconds: wait for it, leave nothing running.
      if (wine) spawnSync(join(wine.wine, '..', 'wineserver64'), ['-w'], { env: { ...process.env, WINEPREFIX: wine.prefix }, timeout: 60_000 });
    });

    /**
     * Runs nianbao.exe under Wine. Its standard output and error are files: Node under Wine fails
     * on a Unix pipe as its standard output (`Error: open EBADF` in node:net), which is Wine's
     * mapping of pipes, not the program (a pipe on Windows is a named pipe, which Node handles).
     */
    function runWine(args: readonly string[], cwd: string, extraEnv: NodeJS.ProcessEnv = {}): Run {
      // A UTF-8 locale: Wine maps Unix file names to Windows ones through it.
      const env = { HOME: process.env['HOME'], PATH: '/usr/bin:/bin', WINEPREFIX: wine!.prefix, WINEDEBUG: '-all', LANG: 'C.UTF-8', NO_COLOR: '1', ...extraEnv };
      const out = join(work, 'wine-stdout');
      const err = join(work, 'wine-stderr');
      const [outFd, errFd] = [openSync(out, 'w'), openSync(err, 'w')];
      try {
        const r = spawnSync(wine!.wine, [manifest!.files['win-x64'], ...args], { cwd, env, stdio: ['ignore', outFd, errFd], timeout: 300_000 });
        if (r.error) throw r.error;
        return { status: r.status, stdout: readFileSync(out, 'utf8'), stderr: readFileSync(err, 'utf8') };
      } finally {
        closeSync(outFd);
        closeSync(errFd);
      }
    }

    /** Windows paths to the Linux ones: the only difference allowed. */
    const slashes = (s: string) => s.replace(/\\/g, '/');
    /** The same in `--format json` (where a backslash is escaped). */
    const jsonSlashes = (s: string) => JSON.stringify((JSON.parse(s) as { file: string }[]).map((f) => ({ ...f, file: slashes(f.file) })));

    it('nianbao.exe check examples gives the Linux executable’s findings and exit code', (t) => {
      if (!wine) return t.skip(why);
      // As the issue has it: `nianbao.exe check 收到的报告\`.
      const windows = runWine(['check', 'examples\\'], ROOT);
      const linux = runExe(['check', 'examples'], ROOT);
      assert.equal(slashes(windows.stdout), linux.stdout);
      assert.match(windows.stdout, /examples\\2021-白水镇人民政府\.md/, 'Windows paths');
      assert.equal(windows.stderr, linux.stderr);
      assert.equal(windows.status, 1);
      assertNoNodeWarnings(windows);
    });

    it('checks a mixed batch on worker threads and fixes it (GB18030 written back) as on Linux', (t) => {
      if (!wine) return t.skip(why);
      const folder = join(work, 'wine');
      for (let i = 1; i <= 5; i++) mixedFolder(join(folder, `第${i}批`));
      const traced = runWine(['check', '--jobs', '2', '--format', 'json', '.'], folder, { NODE_DEBUG: 'worker' });
      assert.equal((traced.stderr.match(/^WORKER \d+: \[0\] created Worker with ID \d+\r?$/gm) ?? []).length, 2, 'two worker threads');
      const windows = runWine(['check', '--jobs', '2', '--format', 'json', '.'], folder);
      const linux = runExe(['check', '--jobs', '2', '--format', 'json', '.'], folder);
      assert.equal(jsonSlashes(windows.stdout), jsonSlashes(linux.stdout));
      assert.equal(slashes(windows.stderr), linux.stderr);
      assert.equal(windows.status, 1);
      const linuxCopy = join(work, 'wine-linux');
      cpSync(folder, linuxCopy, { recursive: true });
      const fixed = runWine(['check', '--fix', '--format', 'json', '.'], folder);
      const fixedLinux = runExe(['check', '--fix', '--format', 'json', '.'], linuxCopy);
      assert.equal(jsonSlashes(fixed.stdout), jsonSlashes(fixedLinux.stdout));
      assert.equal(fixed.status, fixedLinux.status);
      assertSameTree(folder, linuxCopy);
    });

    it('exports a Word document and imports it back as the Linux executable does', (t) => {
      if (!wine) return t.skip(why);
      const folder = join(work, 'wine-documents');
      mkdirSync(folder);
      copyFileSync(join(EXAMPLES, '2022-青松县农业农村局.md'), join(folder, '青松县.md'));
      const steps = [
        runWine(['export', '--to', 'docx', '青松县.md', '-o', '导出.docx'], folder),
        runWine(['import', '导出.docx', '-o', '导入.md'], folder),
        runExe(['export', '--to', 'docx', '青松县.md', '-o', '导出-linux.docx'], folder),
        runExe(['import', '导出.docx', '-o', '导入-linux.md'], folder),
      ];
      assert.deepEqual(
        steps.map((s) => s.status),
        [0, 0, 0, 0],
        steps.map((s) => s.stderr).join(''),
      );
      steps.slice(0, 2).forEach(assertNoNodeWarnings);
      assert.ok(readFileSync(join(folder, '导入.md')).equals(readFileSync(join(folder, '导入-linux.md'))), 'the Windows import differs');
      assert.match(readFileSync(join(folder, '导入.md'), 'utf8'), /青松县农业农村局/);
    });
  });
});

describe('npm tarball', { skip: notBuilt }, () => {
  it('installs offline with npm install -g into an empty prefix, and `nianbao check` runs', () => {
    const prefix = join(work, 'prefix');
    const cache = join(work, 'npm-cache');
    const install = spawnSync('npm', ['install', '-g', '--offline', '--prefix', prefix, '--cache', cache, '--no-audit', '--no-fund', '--no-update-notifier', manifest!.files.npm], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(install.status, 0, install.stderr);
    assert.doesNotMatch(install.stderr, /warn|error/i, `npm said:\n${install.stderr}`);
    const installed = join(prefix, 'lib', 'node_modules', 'nianbao');
    assert.deepEqual(readdirSync(installed).sort(), ['LICENSE', 'README.md', 'bin', 'dist', 'docs', 'package.json']);
    assert.deepEqual(readdirSync(join(installed, 'dist')), ['cli.js']);
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    for (const field of ['dependencies', 'scripts', 'contributes', 'main']) assert.ok(!(field in pkg), `the tarball's package.json has "${field}"`);
    const run = result(spawnSync(join(prefix, 'bin', 'nianbao'), ['check', '--format', 'sarif', 'examples'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } }));
    const node = runNode(['check', '--format', 'sarif', 'examples'], ROOT);
    assert.equal(run.status, 1);
    // Only the rule pages' file: URIs differ: they point into the installation.
    const pages = (s: string) => s.replace(/"helpUri": "file:[^"]*\/docs\/rules\//g, '"helpUri": "docs/rules/');
    assert.equal(pages(run.stdout), pages(node.stdout));
    assert.match(run.stdout, new RegExp(`"helpUri": "file://${installed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/docs/rules/balance\\.md"`));
    assert.ok(statSync(join(installed, 'docs', 'rules', 'balance.md')).isFile());
    assert.equal(basename(manifest!.files.npm), `nianbao-${(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version}.tgz`);
  });
});

describe('README', { skip: notBuilt }, () => {
  it('gives each file with its size as built (both languages)', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const file of Object.values(manifest!.files)) {
      const name = basename(file);
      const megabytes = statSync(file).size / 1024 / 1024;
      const rows = [...readme.matchAll(new RegExp(`^\\| \`${name.replace(/[.]/g, '\\.')}\` \\|[^|]*\\| ([\\d.]+) MB`, 'gm'))];
      assert.equal(rows.length, 2, `README.md must list ${name} in its two size tables`);
      for (const row of rows) {
        const stated = Number(row[1]);
        assert.ok(Math.abs(stated - megabytes) <= Math.max(0.2, megabytes * 0.05), `README.md gives ${name} as ${stated} MB; it is ${megabytes.toFixed(1)} MB`);
      }
    }
  });
});
