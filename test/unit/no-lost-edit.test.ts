/**
 * Issue 18, item 1: `--fix` never loses an edit made while it runs. The late byte-identical check
 * (server/src/cli/unchanged-write.ts) step by step, each race made to happen at its moment by a
 * file function that edits the file as it is called; then the real race: the built CLI fixing
 * 200 files while this process appends to them in place and saves them by rename, 0 edits lost.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { appendFileSync, closeSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { WriteRefusal, type AtomicFs } from '../../server/src/cli/atomic-write.js';
import { replaceIfUnchanged, type Replacement } from '../../server/src/cli/unchanged-write.js';
import { FIXTURES, ROOT } from './helpers.js';

const BIN = join(ROOT, 'bin', 'nianbao.js');
const GULOU = readFileSync(join(FIXTURES, 'seeds', 'seed-002-gulou-2021.md'), 'utf8');
const GULOU_FIXED = GULOU.replace('半年制发件数', '本年制发件数');
const LEFTOVER = /\.nianbao-[0-9a-f]+\.tmp$/;

function workspace(): string {
  return mkdtempSync(join(tmpdir(), 'nianbao-lost-edit-'));
}

/** The file functions, with `hook` run before the named one's `nth` call (1-based). */
function hooked(name: keyof AtomicFs, nth: number, hook: () => void): AtomicFs {
  let calls = 0;
  return new Proxy(fs, {
    get(target, key: string) {
      const original = (target as unknown as Record<string, (...args: unknown[]) => unknown>)[key]!;
      if (key !== name) return original;
      return (...args: unknown[]) => {
        if (++calls === nth) hook();
        return original(...args);
      };
    },
  }) as AtomicFs;
}

function refusedAs(kind: string): (error: unknown) => boolean {
  return (error) => error instanceof WriteRefusal && error.kind === kind;
}

function noLeftovers(dir: string): void {
  for (const name of readdirSync(dir)) assert.ok(!LEFTOVER.test(name), `temporary file left: ${name}`);
}

/** A report with one safe fix, alone in a new directory. */
function gulouFile(): { dir: string; path: string } {
  const dir = workspace();
  const path = join(dir, 'a.md');
  writeFileSync(path, GULOU);
  return { dir, path };
}

/**
 * A file fixed while a writer holds it open (it opened it before the rename), which then writes
 * `late` into it: into the replaced file, which only the settling can still see.
 */
function fixedWhileOpen(late: string): { dir: string; path: string; replacement: Replacement } {
  const { dir, path } = gulouFile();
  const writer = openSync(path, 'a');
  const replacement = replaceIfUnchanged(path, Buffer.from(GULOU_FIXED), Buffer.from(GULOU));
  assert.equal(readFileSync(path, 'utf8'), GULOU_FIXED);
  writeSync(writer, late);
  closeSync(writer);
  return { dir, path, replacement };
}

describe('--fix writes a file only while it holds the bytes read', () => {
  it('refuses a file appended to in place after it was read (same inode, other bytes)', () => {
    const { dir, path } = gulouFile();
    const read = Buffer.from(GULOU);
    appendFileSync(path, '新加的一句。\n');
    assert.throws(() => replaceIfUnchanged(path, Buffer.from(GULOU_FIXED), read), refusedAs('changed'));
    assert.equal(readFileSync(path, 'utf8'), `${GULOU}新加的一句。\n`);
    noLeftovers(dir);
  });

  it('refuses a file saved by rename between the comparison and its own rename', () => {
    const { dir, path } = gulouFile();
    // The second fstat is the last look before the rename: a save renames a new file in just then.
    const files = hooked('fstatSync', 2, () => {
      writeFileSync(join(dir, 'save.tmp'), `${GULOU}另存的修改。\n`);
      renameSync(join(dir, 'save.tmp'), path);
    });
    assert.throws(() => replaceIfUnchanged(path, Buffer.from(GULOU_FIXED), Buffer.from(GULOU), {}, files), refusedAs('replaced'));
    assert.equal(readFileSync(path, 'utf8'), `${GULOU}另存的修改。\n`);
    noLeftovers(dir);
  });

  it('puts back an in-place edit that lands between the comparison and the rename', () => {
    const { dir, path } = gulouFile();
    // Written into the file the rename is about to replace: without the check after the rename it would be lost.
    const files = hooked('renameSync', 1, () => appendFileSync(path, '改名前一刻的修改。\n'));
    assert.throws(() => replaceIfUnchanged(path, Buffer.from(GULOU_FIXED), Buffer.from(GULOU), {}, files), refusedAs('changed'));
    assert.equal(readFileSync(path, 'utf8'), `${GULOU}改名前一刻的修改。\n`);
    noLeftovers(dir);
  });

  it('settling puts back what a writer that opened the file before the rename wrote after it', () => {
    const { dir, path, replacement } = fixedWhileOpen('晚到的修改。\n');
    const refusal = replacement.settle();
    assert.ok(refusal instanceof WriteRefusal && refusal.kind === 'changed');
    assert.match(refusal.zh, /已恢复为修改后的内容/);
    assert.equal(readFileSync(path, 'utf8'), `${GULOU}晚到的修改。\n`);
    noLeftovers(dir);
  });

  it('keeps both edits when the fixed file changed too: the earlier one goes beside it', () => {
    const { dir, path, replacement } = fixedWhileOpen('旧文件上的修改。\n');
    appendFileSync(path, '新文件上的修改。\n');
    const refusal = replacement.settle();
    assert.ok(refusal instanceof WriteRefusal && refusal.kind === 'changed');
    assert.equal(readFileSync(path, 'utf8'), `${GULOU_FIXED}新文件上的修改。\n`);
    const kept = readdirSync(dir).filter((n) => n.startsWith('a.md.nianbao-kept-'));
    assert.equal(kept.length, 1);
    assert.match(refusal.zh, new RegExp(kept[0]!.replace(/\./g, '\\.')));
    assert.equal(readFileSync(join(dir, kept[0]!), 'utf8'), `${GULOU}旧文件上的修改。\n`);
    noLeftovers(dir);
  });

  it('an unchanged file is fixed, and settling leaves the fix in place', () => {
    const { dir, path } = gulouFile();
    const replacement = replaceIfUnchanged(path, Buffer.from(GULOU_FIXED), Buffer.from(GULOU));
    assert.equal(replacement.settle(), undefined);
    assert.equal(readFileSync(path, 'utf8'), GULOU_FIXED);
    noLeftovers(dir);
  });
});

describe('--fix on Windows, which refuses to rename over an open file', () => {
  it('closes the file it compared before the rename, and still refuses a changed one', () => {
    const { dir, path } = gulouFile();
    const open = new Set<number>();
    let openAtRename = -1;
    const files = new Proxy(fs, {
      get(target, key: string) {
        const original = (target as unknown as Record<string, (...args: unknown[]) => unknown>)[key]!;
        if (key === 'openSync') {
          return (...args: unknown[]) => {
            const fd = original(...args) as number;
            if (args[0] === path) open.add(fd);
            return fd;
          };
        }
        if (key === 'closeSync') return (fd: number) => (open.delete(fd), original(fd));
        if (key === 'renameSync') return (...args: unknown[]) => ((openAtRename = open.size), original(...args));
        return original;
      },
    }) as AtomicFs;
    const replacement = replaceIfUnchanged(path, Buffer.from(GULOU_FIXED), Buffer.from(GULOU), {}, files, false);
    assert.equal(openAtRename, 0, 'the target is closed when it is renamed over');
    assert.equal(replacement.settle(), undefined);
    assert.equal(readFileSync(path, 'utf8'), GULOU_FIXED);
    appendFileSync(path, '新加的一句。\n');
    assert.throws(() => replaceIfUnchanged(path, Buffer.from(GULOU), Buffer.from(GULOU_FIXED), {}, files, false), refusedAs('changed'));
    assert.equal(open.size, 0);
    noLeftovers(dir);
  });
});

describe('the race: --fix on 200 files while they are edited in place and saved by rename', () => {
  it('loses no edit, and fixes every file nobody edited', { timeout: 120_000 }, async (t) => {
    const dir = workspace();
    const count = 200;
    const names = Array.from({ length: count }, (_, i) => `r${String(i).padStart(3, '0')}.md`);
    for (const name of names) writeFileSync(join(dir, name), GULOU);
    /** Every edit made, by file: each a line that must still be in the file at the end. */
    const edits = new Map<string, string[]>(names.map((n) => [n, []]));
    const child = spawn(process.execPath, [BIN, 'check', '--fix', '--format', 'json', '--jobs', '2', '.'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let running = true;
    void exited.then(() => (running = false));
    const killer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    let n = 0;
    let renamed = 0;
    // Half the files are edited, each now and then, for as long as the CLI runs: appended to in
    // place, or saved by rename of the whole text; the other half must all be fixed.
    const edited = names.filter((_, i) => i % 2 === 0);
    while (running) {
      const name = edited[(n * 37) % edited.length]!;
      const path = join(dir, name);
      const line = `<!-- 编辑 ${n} -->\n`;
      if (n % 4 === 3) {
        const temporary = join(dir, `.save-${n}`);
        writeFileSync(temporary, readFileSync(path, 'utf8') + line);
        renameSync(temporary, path);
        renamed++;
      } else {
        appendFileSync(path, line);
      }
      edits.get(name)!.push(line);
      n++;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    clearTimeout(killer);
    const status = await exited;
    assert.ok(status === 0 || status === 1 || status === 2, `the CLI ended with ${status}: ${stderr.slice(0, 2000)}`);
    assert.ok(n > count, `only ${n} edits were made while the CLI ran`);
    let lost = 0;
    const lostOnes: string[] = [];
    for (const [name, lines] of edits) {
      const text = readFileSync(join(dir, name), 'utf8');
      for (const line of lines) {
        if (!text.includes(line)) {
          lost++;
          if (lostOnes.length < 5) lostOnes.push(`${name}: ${line.trim()}`);
        }
      }
    }
    const untouched = names.filter((_, i) => i % 2 === 1);
    const fixed = untouched.filter((name) => readFileSync(join(dir, name), 'utf8') === GULOU_FIXED).length;
    t.diagnostic(`${n} edits (${renamed} by rename), ${lost} lost; ${fixed} of ${untouched.length} untouched files fixed`);
    assert.equal(lost, 0, `${lost} of ${n} edits (${renamed} by rename) lost, e.g. ${lostOnes.join('; ')}`);
    assert.equal(fixed, untouched.length, 'a file nobody edited was not fixed');
    noLeftovers(dir);
    rmSync(dir, { recursive: true, force: true });
  });
});
