/**
 * Issue 14, the CLI: only regular files up to a size cap are read, never blocking; `--fix`
 * writes through a named symbolic link, keeps mode, owner and hard links, refuses read-only
 * files unless asked; the walk reports an unreadable folder and goes on; a symbolic link loop is
 * a loop. Every run has a time limit, so a regression fails instead of hanging. FIFOs and links
 * are made in temporary directories, never committed. Runs the built CLI (`node scripts/build.mjs`).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { chmodSync, chownSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { WriteRefusal, writeAtomically } from '../../server/src/cli/atomic-write.js';
import { readRegularFileSync } from '../../server/src/shell/read-regular-file.js';
import { walkMarkdown } from '../../server/src/shell/walk.js';
import { FIXTURES, ROOT } from './helpers.js';

const BIN = join(ROOT, 'bin', 'nianbao.js');
const GULOU = readFileSync(join(FIXTURES, 'seeds', 'seed-002-gulou-2021.md'), 'utf8');
/** What `--fix` makes of GULOU (its one safe fix). */
const GULOU_FIXED = GULOU.replace('半年制发件数', '本年制发件数');
const IS_ROOT = process.getuid?.() === 0;
const TEMPORARY = /\.nianbao-[0-9a-f]+\.tmp$/;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function nianbao(args: string[], cwd: string, options: { input?: string | Buffer; uid?: number } = {}): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 30_000,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
    ...(options.input !== undefined ? { input: options.input } : {}),
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
  });
  assert.equal(result.signal, null, `nianbao ${args.join(' ')} did not end within 30 s (it hangs)`);
  assert.equal(result.error, undefined);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function workspace(): string {
  return mkdtempSync(join(tmpdir(), 'nianbao-hardening-'));
}

function mkfifo(path: string): boolean {
  return spawnSync('mkfifo', [path]).status === 0;
}

function noTemporaryFile(dir: string): void {
  for (const name of readdirSync(dir, { recursive: true }) as string[]) assert.ok(!TEMPORARY.test(name), `temporary file left: ${name}`);
}

describe('nianbao check reads only regular files, up to a size cap', () => {
  it('skips an explicitly named FIFO with a message, checks the other files, exits 1 for their errors (else 2), never hangs', (t) => {
    const dir = workspace();
    if (!mkfifo(join(dir, 'pipe.md'))) return t.skip('mkfifo is not available');
    writeFileSync(join(dir, 'gulou.md'), GULOU);
    const run = nianbao(['check', 'pipe.md', 'gulou.md'], dir);
    // Issue 22: the errors found are never hidden by a file not read; the summary names that file.
    assert.equal(run.status, 1);
    assert.match(run.stderr, /“pipe\.md”是命名管道（FIFO），不是普通文件，已跳过/);
    assert.match(run.stdout, /gulou\.md/);
    assert.match(run.stdout, /未能检查[^\n]*\n {2}pipe\.md：/);
    const en = nianbao(['check', '--locale', 'en', 'pipe.md'], dir);
    assert.equal(en.status, 2);
    assert.match(en.stderr, /“pipe\.md” is a named pipe \(FIFO\), not a regular file: skipped/);
  });

  it('skips /dev/zero behind a symbolic link', (t) => {
    if (!fs.existsSync('/dev/zero')) return t.skip('no /dev/zero');
    const dir = workspace();
    symlinkSync('/dev/zero', join(dir, 'zero.md'));
    const run = nianbao(['check', 'zero.md'], dir);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /“zero\.md”是设备文件，不是普通文件，已跳过/);
    // A glob, like the walk, follows no link: it finds nothing, and --fix leaves the link alone.
    const globbed = nianbao(['check', '--fix', '*.md'], dir);
    assert.equal(globbed.status, 2);
    assert.match(globbed.stderr, /没有找到匹配“\*\.md”的文件/);
    assert.equal(readlinkSync(join(dir, 'zero.md')), '/dev/zero');
  });

  it('reports a directory named *.md and a FIFO found by the walk, and does not search the directory', (t) => {
    const dir = workspace();
    mkdirSync(join(dir, 'notes.md'));
    writeFileSync(join(dir, 'notes.md', 'inside.md'), GULOU);
    writeFileSync(join(dir, 'gulou.md'), GULOU);
    const fifo = mkfifo(join(dir, 'pipe.md'));
    const run = nianbao(['check', '--format', 'json', '.'], dir);
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /“notes\.md”是目录，不是普通文件，已跳过/);
    if (fifo) assert.match(run.stderr, /“pipe\.md”是命名管道（FIFO）/);
    const files = new Set((JSON.parse(run.stdout) as { file: string }[]).map((f) => f.file));
    assert.deepEqual([...files], ['gulou.md']);
    // A glob meant files: the directory is refused there too; named, it is a directory to search.
    assert.match(nianbao(['check', '*.md'], dir).stderr, /“notes\.md”是目录/);
    const named = nianbao(['check', '--format', 'json', 'notes.md'], dir);
    assert.deepEqual([...new Set((JSON.parse(named.stdout) as { file: string }[]).map((f) => f.file))], [join('notes.md', 'inside.md')]);
    if (!fifo) t.diagnostic('mkfifo is not available: the FIFO part was not run');
  });

  it('skips a file above --max-file-size (default 5 MB) and standard input above it, with the limit in the message', () => {
    const dir = workspace();
    writeFileSync(join(dir, 'gulou.md'), GULOU);
    const small = nianbao(['check', '--max-file-size', '0.01', 'gulou.md'], dir);
    assert.equal(small.status, 2);
    assert.match(small.stderr, /“gulou\.md”文件过大（\d+ KB，上限 11 KB），已跳过（用 --max-file-size 调整上限）/);
    assert.equal(nianbao(['check', '--max-file-size', '1', 'gulou.md'], dir).status, 1);
    writeFileSync(join(dir, 'huge.md'), `${GULOU}\n${'x'.repeat(5 * 1024 * 1024)}`);
    const huge = nianbao(['check', 'huge.md', 'gulou.md'], dir);
    // gulou.md has errors: 1, with huge.md named in the summary (issue 22).
    assert.equal(huge.status, 1);
    assert.match(huge.stdout, /未能检查[^\n]*\n {2}huge\.md：文件过大/);
    assert.match(huge.stderr, /“huge\.md”文件过大（5\.0 MB，上限 5\.0 MB）/);
    assert.match(huge.stdout, /gulou\.md/);
    const stdin = nianbao(['check', '--stdin', '--max-file-size', '0.01'], dir, { input: GULOU });
    assert.equal(stdin.status, 2);
    assert.match(stdin.stderr, /“<stdin>”文件过大/);
    assert.equal(nianbao(['check', '--stdin', '--max-file-size', '1'], dir, { input: GULOU }).status, 1);
    for (const bad of ['0', '-1', 'abc', '']) assert.equal(nianbao(['check', '--max-file-size', bad, 'gulou.md'], dir).status, 2, bad);
  });

  it('next, export and import refuse a FIFO instead of waiting on it', (t) => {
    const dir = workspace();
    if (!mkfifo(join(dir, 'pipe.md')) || !mkfifo(join(dir, 'page.html'))) return t.skip('mkfifo is not available');
    for (const args of [['next', 'pipe.md'], ['export', '--to', 'html', 'pipe.md'], ['import', 'page.html']]) {
      const run = nianbao(args, dir);
      assert.equal(run.status, 2, args[0]);
      assert.match(run.stderr, /是命名管道/, args[0]);
    }
    assert.deepEqual(readdirSync(dir).sort(), ['page.html', 'pipe.md']);
  });
});

describe('readRegularFileSync', () => {
  it('reads a file longer than fstat said to its end, not to its size + 1 byte', (t) => {
    if (!fs.existsSync('/proc/self/status')) return t.skip('no /proc');
    // /proc says size 0; the reader used to return 1 byte of it.
    const read = readRegularFileSync('/proc/self/status');
    assert.ok(read.ok);
    assert.equal(read.stats.size, 0);
    assert.match(read.data.toString('utf8'), /^Name:[\s\S]*\nPid:/);
    const capped = readRegularFileSync('/proc/self/status', 16);
    assert.ok(!capped.ok && capped.refusal.kind === 'too-large');
  });
});

describe('--fix writes safely', () => {
  it('writes through a named symbolic link to its target; the link stays a link', () => {
    const dir = workspace();
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real', 'gulou.md'), GULOU);
    symlinkSync(join('real', 'gulou.md'), join(dir, 'link.md'));
    const run = nianbao(['check', '--fix', 'link.md'], dir);
    assert.equal(run.status, 1, run.stderr);
    assert.ok(lstatSync(join(dir, 'link.md')).isSymbolicLink());
    assert.equal(readlinkSync(join(dir, 'link.md')), join('real', 'gulou.md'));
    assert.equal(readFileSync(join(dir, 'real', 'gulou.md'), 'utf8'), GULOU_FIXED);
    noTemporaryFile(dir);
  });

  it('does not write through a link a glob or the walk would reach (it could lead out of the workspace)', () => {
    const root = workspace();
    mkdirSync(join(root, 'w'));
    mkdirSync(join(root, 'outside'));
    writeFileSync(join(root, 'outside', 'target.md'), GULOU);
    symlinkSync(join(root, 'outside', 'target.md'), join(root, 'w', 'link.md'));
    for (const args of [['*.md'], ['.'], ['**/*.md']]) {
      const run = nianbao(['check', '--fix', ...args], join(root, 'w'));
      assert.equal(run.status, 2, args[0]);
      assert.match(run.stderr, /没有/, args[0]);
      assert.equal(readFileSync(join(root, 'outside', 'target.md'), 'utf8'), GULOU);
    }
    assert.ok(lstatSync(join(root, 'w', 'link.md')).isSymbolicLink());
  });

  it('keeps the mode and, run as root, the owner', (t) => {
    const dir = workspace();
    const path = join(dir, 'gulou.md');
    writeFileSync(path, GULOU);
    chmodSync(path, 0o640);
    if (IS_ROOT) chownSync(path, 1234, 1234);
    const run = nianbao(['check', '--fix', 'gulou.md'], dir);
    assert.equal(run.status, 1, run.stderr);
    assert.equal(readFileSync(path, 'utf8'), GULOU_FIXED);
    const stats = statSync(path);
    assert.equal(stats.mode & 0o7777, 0o640);
    if (IS_ROOT) assert.deepEqual([stats.uid, stats.gid], [1234, 1234]);
    else t.diagnostic('not root: the owner part was not run');
    noTemporaryFile(dir);
  });

  it('refuses a file with several hard links, leaving both names as they were', () => {
    const dir = workspace();
    writeFileSync(join(dir, 'gulou.md'), GULOU);
    linkSync(join(dir, 'gulou.md'), join(dir, 'twin.md'));
    const run = nianbao(['check', '--fix', 'gulou.md'], dir);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /“gulou\.md”有 2 个硬链接，替换它会断开其他链接，未写入/);
    // The file was checked all the same: its findings are reported.
    assert.match(run.stdout, /gulou\.md/);
    assert.equal(statSync(join(dir, 'gulou.md')).nlink, 2);
    assert.equal(statSync(join(dir, 'gulou.md')).ino, statSync(join(dir, 'twin.md')).ino);
    assert.equal(readFileSync(join(dir, 'twin.md'), 'utf8'), GULOU);
    noTemporaryFile(dir);
  });

  it('refuses a read-only file unless --fix-read-only, which keeps it read-only', () => {
    const dir = workspace();
    const path = join(dir, 'gulou.md');
    writeFileSync(path, GULOU);
    chmodSync(path, 0o444);
    const run = nianbao(['check', '--fix', 'gulou.md'], dir);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /“gulou\.md”是只读文件，未写入（加 --fix-read-only 仍然修复）/);
    assert.equal(readFileSync(path, 'utf8'), GULOU);
    const en = nianbao(['check', '--fix', '--locale', 'en', 'gulou.md'], dir);
    assert.match(en.stderr, /“gulou\.md” is read-only; not written \(add --fix-read-only to fix it anyway\)/);
    const forced = nianbao(['check', '--fix', '--fix-read-only', 'gulou.md'], dir);
    assert.equal(forced.status, 1, forced.stderr);
    assert.equal(readFileSync(path, 'utf8'), GULOU_FIXED);
    assert.equal(statSync(path).mode & 0o777, 0o444);
    assert.equal(nianbao(['check', '--fix-read-only', 'gulou.md'], dir).status, 2, '--fix-read-only needs --fix');
  });

  it('writeAtomically refuses a link when told not to follow one, and a file replaced since it was read', () => {
    const dir = workspace();
    writeFileSync(join(dir, 'a.md'), 'old');
    symlinkSync('a.md', join(dir, 'link.md'));
    assert.throws(() => writeAtomically(join(dir, 'link.md'), 'new', fs, { followLinks: false }), (e: unknown) => e instanceof WriteRefusal && e.kind === 'symlink');
    const read = statSync(join(dir, 'a.md'));
    writeFileSync(join(dir, 'b.md'), 'other');
    fs.renameSync(join(dir, 'b.md'), join(dir, 'a.md'));
    assert.throws(() => writeAtomically(join(dir, 'a.md'), 'new', fs, { expected: { dev: read.dev, ino: read.ino } }), (e: unknown) => e instanceof WriteRefusal && e.kind === 'replaced');
    assert.equal(readFileSync(join(dir, 'a.md'), 'utf8'), 'other');
    assert.deepEqual(readdirSync(dir).sort(), ['a.md', 'link.md']);
  });
});

describe('the directory walk', () => {
  it('reports a symbolic link loop as a loop, not as missing', () => {
    const dir = workspace();
    symlinkSync('b.md', join(dir, 'a.md'));
    symlinkSync('a.md', join(dir, 'b.md'));
    symlinkSync('loop-b', join(dir, 'loop-a'));
    symlinkSync('loop-a', join(dir, 'loop-b'));
    const run = nianbao(['check', 'a.md', 'loop-a'], dir);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /“a\.md”符号链接形成循环/);
    assert.match(run.stderr, /“loop-a”符号链接形成循环/);
    assert.doesNotMatch(run.stderr, /找不到/);
    assert.match(nianbao(['check', '--locale', 'en', 'a.md'], dir).stderr, /“a\.md” is a symbolic link loop/);
  });

  it('reports an unreadable folder and still checks the files after it', (t) => {
    const dir = workspace();
    // Root reads a folder of mode 000: run the CLI as nobody then (Node's spawn can, as root).
    const uid = IS_ROOT ? 65534 : undefined;
    chmodSync(dir, 0o755);
    mkdirSync(join(dir, 'a-locked'));
    writeFileSync(join(dir, 'a-locked', 'x.md'), GULOU);
    writeFileSync(join(dir, 'b.md'), GULOU);
    chmodSync(join(dir, 'b.md'), 0o644);
    chmodSync(join(dir, 'a-locked'), 0o000);
    try {
      const run = nianbao(['check', '--format', 'json', '.'], dir, uid !== undefined ? { uid } : {});
      if (run.status === null || /EACCES.*bin|Cannot find module/.test(run.stderr)) return t.skip(`the CLI cannot run as uid ${uid}`);
      assert.equal(run.status, 2, run.stderr);
      assert.match(run.stderr, /无法读取“a-locked”（EACCES）/);
      assert.deepEqual([...new Set((JSON.parse(run.stdout) as { file: string }[]).map((f) => f.file))], ['b.md']);
      // The walk itself: told of the folder, goes on.
      if (!IS_ROOT) {
        const unreadable: string[] = [];
        assert.deepEqual(walkMarkdown(dir, { onUnreadable: (p) => unreadable.push(p) }), [join(dir, 'b.md')]);
        assert.deepEqual(unreadable, [join(dir, 'a-locked')]);
      }
    } finally {
      chmodSync(join(dir, 'a-locked'), 0o755);
    }
  });

  it('follows no symbolic link and tells of Markdown names that are no regular files', () => {
    const dir = workspace();
    writeFileSync(join(dir, 'a.md'), GULOU);
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real', 'r.md'), GULOU);
    symlinkSync('real', join(dir, 'linked'));
    symlinkSync('a.md', join(dir, 'alias.md'));
    mkdirSync(join(dir, 'dir.md'));
    const refused: string[] = [];
    assert.deepEqual(walkMarkdown(dir, { onNotRegular: (p, what) => refused.push(`${p}:${what}`) }), [join(dir, 'a.md'), join(dir, 'real', 'r.md')]);
    assert.deepEqual(refused, [`${join(dir, 'dir.md')}:directory`]);
  });
});
