/**
 * The fuzz part `hostile` (issue 14): the CLI run on random workspaces built to hurt it —
 * symbolic links to files, to directories, in loops, dangling, to `/dev/zero` and out of the
 * workspace; FIFOs; a directory named `*.md`; an unreadable folder; read-only, hard-linked and
 * other users' files; a file above the size cap; bad globs — with `check` and with `--fix`.
 * Whatever it is given, a run must end within its time limit with a defined exit status and no
 * stack trace, write no file it was not asked to (nothing outside the workspace unless through a
 * link named on the command line, no read-only or hard-linked file, no link turned into a file),
 * keep the mode and owner of what it rewrites, and leave no temporary file.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { ROOT } from './properties.js';

const CLI = join(ROOT, 'dist', 'cli.js');
const SEEDS = ['seed-002-gulou-2021', 'seed-000-luhu-2020', 'seed-004-xigang-2022'].map((name) => readFileSync(join(ROOT, 'test', 'fixtures', 'seeds', `${name}.md`), 'utf8'));
/** The cap every run is given (`--max-file-size`), so a file "above the cap" stays small. */
const CAP_MB = '0.05';
const CAP_BYTES = Math.floor(0.05 * 1024 * 1024);
/** A run that takes longer has hung. */
const TIMEOUT_MS = 60_000;
const TEMPORARY = /\.nianbao-[0-9a-f]+\.tmp$/;
const IS_ROOT = process.getuid?.() === 0;

/** One thing put in the workspace. */
export type HostileEntry =
  | { readonly kind: 'report'; readonly seed: number; readonly mode: 0o644 | 0o640 | 0o444 | 0o600; readonly foreign: boolean }
  | { readonly kind: 'hard-link'; readonly seed: number }
  | { readonly kind: 'link-to-report'; readonly seed: number }
  | { readonly kind: 'link-outside' }
  | { readonly kind: 'link-to-dir' }
  | { readonly kind: 'file-loop' }
  | { readonly kind: 'dir-loop' }
  | { readonly kind: 'dangling' }
  | { readonly kind: 'dev-zero' }
  | { readonly kind: 'fifo' }
  | { readonly kind: 'dir-named-md' }
  | { readonly kind: 'unreadable-dir'; readonly seed: number }
  | { readonly kind: 'huge' };

/** A workspace and how the CLI is run on it. */
export interface HostileCase {
  readonly entries: readonly HostileEntry[];
  /** For each entry, whether it is named on the command line. */
  readonly named: readonly boolean[];
  /** Extra arguments: directories and globs, good and bad. */
  readonly extra: readonly string[];
  readonly fixReadOnly: boolean;
  /** Put the entries in a subdirectory (reached by the walk) rather than the top. */
  readonly nested: boolean;
}

const seedArb = fc.integer({ min: 0, max: SEEDS.length - 1 });

const entryArb: fc.Arbitrary<HostileEntry> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('report' as const), seed: seedArb, mode: fc.constantFrom(0o644 as const, 0o640 as const, 0o444 as const, 0o600 as const), foreign: fc.boolean() }) },
  fc.record({ kind: fc.constant('hard-link' as const), seed: seedArb }),
  fc.record({ kind: fc.constant('link-to-report' as const), seed: seedArb }),
  fc.constant({ kind: 'link-outside' as const }),
  fc.constant({ kind: 'link-to-dir' as const }),
  fc.constant({ kind: 'file-loop' as const }),
  fc.constant({ kind: 'dir-loop' as const }),
  fc.constant({ kind: 'dangling' as const }),
  fc.constant({ kind: 'dev-zero' as const }),
  fc.constant({ kind: 'fifo' as const }),
  fc.constant({ kind: 'dir-named-md' as const }),
  fc.record({ kind: fc.constant('unreadable-dir' as const), seed: seedArb }),
  fc.constant({ kind: 'huge' as const }),
);

/** Random hostile workspaces. */
export const hostileCaseArb: fc.Arbitrary<HostileCase> = fc.array(entryArb, { minLength: 1, maxLength: 8 }).chain((entries) =>
  fc.record({
    entries: fc.constant(entries),
    named: fc.array(fc.boolean(), { minLength: entries.length, maxLength: entries.length }),
    extra: fc.subarray(['.', '**/*.md', '*.md', 'w/**', '[', '{a,b', '**/*.{md,markdown}', 'nothing/*.md', '{1..9}{1..9}{1..9}.md', '../outside/*.md']),
    fixReadOnly: fc.boolean(),
    nested: fc.boolean(),
  }),
);

/** What is at a path, without following links. */
interface Snapshot {
  readonly type: 'file' | 'link' | 'dir' | 'fifo' | 'other';
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly nlink: number;
  /** A file's content hash, a link's target. */
  readonly content?: string;
}

function snapshot(top: string): Map<string, Snapshot> {
  const all = new Map<string, Snapshot>();
  const visit = (path: string): void => {
    const stats = lstatSync(path);
    const type = stats.isSymbolicLink() ? 'link' : stats.isFile() ? 'file' : stats.isDirectory() ? 'dir' : stats.isFIFO() ? 'fifo' : 'other';
    const content = type === 'file' ? createHash('sha256').update(readFileSync(path)).digest('hex') : type === 'link' ? readlinkSync(path) : undefined;
    all.set(path, { type, mode: stats.mode & 0o7777, uid: stats.uid, gid: stats.gid, nlink: stats.nlink, ...(content !== undefined ? { content } : {}) });
    if (type === 'dir') {
      let names: string[] = [];
      try {
        names = readdirSync(path);
      } catch {
        // An unreadable folder (not as root): its contents cannot change unseen either.
      }
      for (const name of names) visit(join(path, name));
    }
  };
  visit(top);
  return all;
}

/** Builds the workspace; returns the arguments naming the entries and the paths --fix may change. */
function build(root: string, testCase: HostileCase): { args: string[]; mayChange: Set<string>; unreadable: string[] } {
  const work = join(root, 'w');
  const outside = join(root, 'outside');
  mkdirSync(work);
  mkdirSync(outside);
  writeFileSync(join(outside, 'canary.md'), SEEDS[0]!);
  const base = testCase.nested ? join(work, 'sub') : work;
  mkdirSync(base, { recursive: true });
  const args: string[] = [];
  const mayChange = new Set<string>();
  const unreadable: string[] = [];
  testCase.entries.forEach((entry, i) => {
    const name = `e${i}.md`;
    const path = join(base, name);
    const shown = relative(work, path);
    const named = testCase.named[i]!;
    const withoutReadOnly = !testCase.fixReadOnly;
    switch (entry.kind) {
      case 'report':
        writeFileSync(path, SEEDS[entry.seed]!);
        chmodSync(path, entry.mode);
        if (entry.foreign && IS_ROOT) chownSync(path, 1234, 1234);
        if (!(entry.mode === 0o444 && withoutReadOnly)) mayChange.add(path);
        break;
      case 'hard-link':
        writeFileSync(path, SEEDS[entry.seed]!);
        linkSync(path, join(base, `e${i}-twin.md`));
        break;
      case 'link-to-report': {
        const target = join(base, `e${i}-target.txt`);
        writeFileSync(target, SEEDS[entry.seed]!);
        symlinkSync(`e${i}-target.txt`, path);
        // Only a link named on the command line is written through.
        if (named) mayChange.add(target);
        break;
      }
      case 'link-outside':
        symlinkSync(join(outside, 'canary.md'), path);
        if (named) mayChange.add(join(outside, 'canary.md'));
        break;
      case 'link-to-dir':
        mkdirSync(join(outside, `d${i}`));
        writeFileSync(join(outside, `d${i}`, 'inner.md'), SEEDS[0]!);
        symlinkSync(join(outside, `d${i}`), join(base, `e${i}`));
        if (named) args.push(relative(work, join(base, `e${i}`)));
        // Named, the linked directory is the user's to search, and its files to fix.
        if (named) mayChange.add(join(outside, `d${i}`, 'inner.md'));
        return;
      case 'file-loop':
        symlinkSync(`e${i}-b.md`, path);
        symlinkSync(name, join(base, `e${i}-b.md`));
        break;
      case 'dir-loop':
        symlinkSync(`e${i}-b`, join(base, `e${i}`));
        symlinkSync(`e${i}`, join(base, `e${i}-b`));
        if (named) args.push(relative(work, join(base, `e${i}`)));
        return;
      case 'dangling':
        symlinkSync(`nowhere-${i}.md`, path);
        break;
      case 'dev-zero':
        symlinkSync('/dev/zero', path);
        break;
      case 'fifo': {
        const made = spawnSync('mkfifo', [path]);
        if (made.status !== 0) writeFileSync(path, SEEDS[0]!);
        break;
      }
      case 'dir-named-md':
        mkdirSync(path);
        writeFileSync(join(path, 'inside.md'), SEEDS[0]!);
        // Named, it is a directory the user asked to search.
        if (named) mayChange.add(join(path, 'inside.md'));
        break;
      case 'unreadable-dir': {
        const directory = join(base, `e${i}-locked`);
        mkdirSync(directory);
        writeFileSync(join(directory, 'r.md'), SEEDS[entry.seed]!);
        chmodSync(directory, 0o000);
        unreadable.push(directory);
        // Root reads it all the same.
        if (IS_ROOT) mayChange.add(join(directory, 'r.md'));
        if (named) args.push(relative(work, directory));
        return;
      }
      case 'huge':
        writeFileSync(path, `${SEEDS[0]!}\n${'申请'.repeat(CAP_BYTES)}`);
        break;
    }
    if (named) args.push(shown);
  });
  // A directory or glob reaches the regular Markdown files below it (never through a link).
  const writable = (what: Snapshot): boolean => what.type === 'file' && what.nlink === 1 && (testCase.fixReadOnly || what.mode !== 0o444);
  if (testCase.extra.some((e) => e === '.' || e.startsWith('**') || e === 'w/**' || e === '*.md')) {
    for (const [path, what] of snapshot(work)) if (writable(what) && /\.md$/.test(path)) mayChange.add(path);
  }
  if (testCase.extra.includes('../outside/*.md')) mayChange.add(join(outside, 'canary.md'));
  return { args, mayChange, unreadable };
}

function run(cwd: string, args: readonly string[]): { status: number | null; stderr: string; ms: number } {
  const start = performance.now();
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  const ms = performance.now() - start;
  assert.ok(result.signal === null && result.error === undefined, `the CLI did not end within ${TIMEOUT_MS} ms (${result.signal ?? result.error?.message}): nianbao ${args.join(' ')}`);
  return { status: result.status, stderr: result.stderr, ms };
}

/** The property: one hostile workspace, checked and then fixed. */
export function checkHostile(testCase: HostileCase): void {
  const root = mkdtempSync(join(tmpdir(), 'nianbao-hostile-'));
  let unreadable: string[] = [];
  try {
    const built = build(root, testCase);
    unreadable = built.unreadable;
    const work = join(root, 'w');
    const args = [...built.args, ...testCase.extra];
    if (args.length === 0) args.push('.');
    const before = snapshot(root);
    const check = run(work, ['check', '--max-file-size', CAP_MB, ...args]);
    assert.ok(check.status === 0 || check.status === 1 || check.status === 2, `exit status ${check.status}\n${check.stderr}`);
    assert.ok(!/\n\s+at .+:\d+:\d+\)?\n/.test(check.stderr), `a stack trace:\n${check.stderr}`);
    assert.deepEqual(snapshot(root), before, 'check without --fix changed a file');
    const fix = run(work, ['check', '--fix', '--max-file-size', CAP_MB, ...(testCase.fixReadOnly ? ['--fix-read-only'] : []), ...args]);
    assert.ok(fix.status === 0 || fix.status === 1 || fix.status === 2, `--fix exit status ${fix.status}\n${fix.stderr}`);
    assert.ok(!/\n\s+at .+:\d+:\d+\)?\n/.test(fix.stderr), `a stack trace:\n${fix.stderr}`);
    const after = snapshot(root);
    for (const [path, was] of before) {
      const now = after.get(path);
      assert.ok(now, `--fix removed ${relative(root, path)}`);
      assert.equal(now.type, was.type, `--fix turned ${relative(root, path)} from a ${was.type} into a ${now.type}`);
      if (was.type === 'link') assert.equal(now.content, was.content, `--fix changed where ${relative(root, path)} points`);
      if (was.type !== 'file') continue;
      assert.deepEqual([now.mode, now.uid, now.gid, now.nlink], [was.mode, was.uid, was.gid, was.nlink], `--fix changed the mode, owner or links of ${relative(root, path)}`);
      if (now.content !== was.content) assert.ok(built.mayChange.has(path), `--fix wrote ${relative(root, path)}, which it was not asked to\n${fix.stderr}`);
    }
    for (const path of after.keys()) {
      assert.ok(before.has(path), `--fix left ${relative(root, path)}`);
      assert.ok(!TEMPORARY.test(path), `a temporary file is left: ${relative(root, path)}`);
    }
  } finally {
    for (const directory of unreadable) chmodSync(directory, 0o755);
    rmSync(root, { recursive: true, force: true });
  }
}
