#!/usr/bin/env node
// `npm run test:e2e`: the end-to-end tests in a real VS Code.
//   setup    scripts/e2e-setup.sh (Node 24, code-server, Chromium, a CJK font; cached outside the repository)
//   build    npm run package (the .vsix) and test/e2e/build.mjs (the Mocha suite bundle)
//   suite    the Mocha suite inside code-server's VS Code, through the workbench test payload
//   ui       the packaged extension in code-server, driven in headless Chromium (screenshots in test-results/e2e/ui)
//   electron the same Mocha suite with @vscode/test-electron (skipped where no VS Code can be had)
// Options: --only suite,ui,electron (a comma list; repeatable), --no-package (reuse the .vsix and the
// bundles as built). Every step has a time limit. The last line is `N passed, N failed`; the exit
// status is non-zero if anything failed.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PARTS = ['suite', 'ui', 'electron'];
const MINUTE = 60_000;

function parseArgs(argv) {
  const only = new Set();
  let packageVsix = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      for (const part of (value ?? '').split(',').filter(Boolean)) {
        if (!PARTS.includes(part)) usage(`unknown part "${part}"`);
        only.add(part);
      }
    } else if (arg === '--no-package') packageVsix = false;
    else if (arg === '--help' || arg === '-h') usage();
    else usage(`unknown argument "${arg}"`);
  }
  return { parts: only.size ? PARTS.filter((p) => only.has(p)) : PARTS, packageVsix };
}

function usage(error) {
  if (error) console.error(`e2e: ${error}`);
  console.error('usage: npm run test:e2e [-- --only suite,ui,electron] [--no-package]');
  process.exit(2);
}

let current;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (current) killGroup(current, 'SIGTERM');
    process.exit(130);
  });
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Runs a command in its own process group with a time limit, echoing its output and returning
 * { code, output, timedOut, ms }. On time-out the whole group gets SIGTERM, then SIGKILL.
 */
function run(label, command, args, { timeoutMs, env = {} }) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    current = child;
    let output = '';
    let timedOut = false;
    const onData = (stream) => (data) => {
      output += data.toString();
      stream.write(data);
    };
    child.stdout.on('data', onData(process.stdout));
    child.stderr.on('data', onData(process.stderr));
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`e2e: ${label} exceeded its time limit of ${Math.round(timeoutMs / 1000)} s; stopping it`);
      killGroup(child, 'SIGTERM');
      setTimeout(() => killGroup(child, 'SIGKILL'), 10_000).unref();
    }, timeoutMs);
    child.on('error', (error) => {
      output += String(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      current = undefined;
      // Whatever the step left running in its process group (a code-server, a browser) goes too.
      killGroup(child, 'SIGTERM');
      resolve({ code: code ?? (signal ? 128 : 1), output, timedOut, ms: Date.now() - started });
    });
  });
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  const { parts, packageVsix } = parseArgs(process.argv.slice(2));
  const rows = [];
  let passed = 0;
  let failed = 0;
  const finish = () => {
    console.log('\ne2e summary:');
    for (const row of rows) console.log(`  ${row}`);
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
  };

  // 1. Setup (not needed for test-electron alone).
  const env = {};
  if (parts.some((p) => p !== 'electron')) {
    console.log('e2e: setup (scripts/e2e-setup.sh)');
    const setup = await run('setup', 'bash', [join(ROOT, 'scripts', 'e2e-setup.sh')], { timeoutMs: 15 * MINUTE });
    const envLine = /^NIANBAO_E2E_ENV=(.+)$/m.exec(setup.output);
    if (setup.code !== 0 || !envLine) {
      rows.push(`setup     FAILED (${seconds(setup.ms)}): ${setup.timedOut ? 'timed out' : 'see the messages above for what is missing'}`);
      failed++;
      finish();
    }
    env.NIANBAO_E2E_ENV = envLine[1].trim();
    rows.push(`setup     ok (${seconds(setup.ms)})`);
  }

  // 2. Build: the .vsix (for the UI test) and dist/ (the extension under development), and the suite bundle.
  if (packageVsix) {
    console.log('e2e: npm run package');
    const pack = await run('npm run package', 'npm', ['run', 'package'], { timeoutMs: 5 * MINUTE });
    if (pack.code !== 0) {
      rows.push(`build     FAILED (${seconds(pack.ms)}): npm run package exited with ${pack.code}`);
      failed++;
      finish();
    }
    rows.push(`package   ok (${seconds(pack.ms)})`);
  }
  const bundle = await run('suite bundle', process.execPath, [join(ROOT, 'test', 'e2e', 'build.mjs')], { timeoutMs: 2 * MINUTE });
  if (bundle.code !== 0 || !existsSync(join(ROOT, 'dist', 'e2e', 'suite', 'index.js'))) {
    rows.push(`bundle    FAILED: test/e2e/build.mjs exited with ${bundle.code}`);
    failed++;
    finish();
  }

  // 3. The parts, one after the other (two cores: in parallel they would starve each other).
  const scripts = {
    suite: ['test/e2e/run-suite-code-server.ts', 10 * MINUTE],
    ui: ['test/e2e/ui/ui.ts', 10 * MINUTE],
    electron: ['test/e2e/run-suite-electron.ts', 17 * MINUTE],
  };
  for (const part of parts) {
    const [script, timeoutMs] = scripts[part];
    console.log(`\ne2e: part "${part}" (${script})`);
    const result = await run(part, process.execPath, ['--import', 'tsx', join(ROOT, script)], { timeoutMs, env });
    const lines = [...result.output.matchAll(/^E2E-PART (\{.*\})$/gm)];
    let report;
    try {
      report = lines.length ? JSON.parse(lines.at(-1)[1]) : undefined;
    } catch {
      report = undefined;
    }
    if (!report) {
      failed++;
      rows.push(`${part.padEnd(9)} FAILED (${seconds(result.ms)}): ${result.timedOut ? 'timed out' : `exited with ${result.code}`} without a result`);
      continue;
    }
    const partFailed = report.failed + (result.code !== 0 && report.failed === 0 ? 1 : 0);
    passed += report.passed;
    failed += partFailed;
    const state = partFailed ? 'FAILED' : report.skipped && !report.passed ? 'SKIPPED' : 'passed';
    const detail = report.reason ?? report.error ?? '';
    rows.push(`${part.padEnd(9)} ${state} (${seconds(result.ms)}): ${report.passed} passed, ${partFailed} failed${report.skipped ? `, ${report.skipped} skipped` : ''}${detail ? ` — ${detail.split('\n')[0]}` : ''}`);
  }
  if (parts.includes('ui')) rows.push('screenshots: test-results/e2e/ui/');
  finish();
}

main().catch((error) => {
  console.error(`e2e: ${error?.stack ?? error}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
