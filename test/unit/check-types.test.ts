/**
 * The sources type-check (TypeScript strict): every source, test and script file, the core again
 * without Node's types (it may use nothing of Node), and what the browser runs (the web entries and
 * all they import) with a web worker's library and without Node's types (tsconfig.web.json). `npm run build` type-checks before it
 * bundles; `npm test` bundles without waiting for the type-check and runs it here, beside the other
 * test files, so the two cores are busy from the start.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from './helpers.js';

const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/** Runs tsc on a project; its exit status and what it printed. */
function tsc(project: string): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TSC, '-p', project], { cwd: ROOT });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('close', (status) => resolve({ status, output }));
  });
}

describe('the type-check (npm run typecheck)', () => {
  it('type-checks every source, test and script file (tsconfig.json), the core without Node’s types, and what the browser runs as a web worker', async () => {
    const [all, core, web] = await Promise.all([tsc('tsconfig.json'), tsc(join('server', 'src', 'core', 'tsconfig.json')), tsc('tsconfig.web.json')]);
    assert.equal(all.status, 0, all.output);
    assert.equal(core.status, 0, core.output);
    assert.equal(web.status, 0, web.output);
  });
});
