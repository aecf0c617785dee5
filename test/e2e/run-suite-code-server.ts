/**
 * Part (a) of `npm run test:e2e`: the Mocha suite (dist/e2e/suite/index.js, the module
 * `extensionTestsPath` names), unchanged, inside code-server's VS Code through the workbench test
 * payload: code-server runs with the smoke-test driver enabled, Chromium opens the workbench with
 * `extensionDevelopmentPath` = this repository and `extensionTestsPath` = the suite, and the
 * workbench reports every log line (codeAutomationLog) and the exit code (codeAutomationExit).
 *
 * Prints the suite's output and a last line `E2E-PART {"part":"suite",…}` for scripts/e2e-run.mjs.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { launchChromium, loadEnv, RESULTS, startCodeServer, withTimeout, writeUserSettings, type CodeServer } from './code-server.js';
import { prepareWorkspace, ROOT } from './workspace.js';
import type { Browser } from 'playwright-core';

const OVERALL_MS = Number(process.env.NIANBAO_E2E_SUITE_TIMEOUT_MS ?? 8 * 60_000);
const RESULT = /\[nianbao-e2e\] result (\{.*\})/;

interface PartResult {
  part: string;
  passed: number;
  failed: number;
  skipped: number;
  error?: string;
}

function report(result: PartResult): void {
  console.log(`E2E-PART ${JSON.stringify(result)}`);
}

async function main(): Promise<PartResult> {
  const env = loadEnv();
  const temp = mkdtempSync(join(tmpdir(), 'nianbao-e2e-suite-'));
  const workspace = prepareWorkspace(temp);
  const userDataDir = join(temp, 'user-data');
  const extensionsDir = join(temp, 'extensions'); // empty: the extension under test is the repository
  mkdirSync(extensionsDir);
  writeUserSettings(userDataDir);
  mkdirSync(RESULTS, { recursive: true });
  for (const stale of ['suite-failed.png', 'suite-timeout.png']) rmSync(join(RESULTS, stale), { force: true });
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let summary: { passed: number; failed: number; pending: number } | undefined;
  try {
    server = await startCodeServer(env, { userDataDir, extensionsDir, args: ['--vscode-option', 'enable-smoke-test-driver'] });
    browser = await launchChromium(env);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let settle!: (code: number) => void;
    const exited = new Promise<number>((resolve) => (settle = resolve));
    await page.exposeFunction('codeAutomationLog', (_type: unknown, args: unknown[]) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      const m = RESULT.exec(line);
      if (m) summary = JSON.parse(m[1]!) as typeof summary;
      // The workbench's failed look-ups of the extension gallery (there is no network) are noise.
      if (/ENOTFOUND open-vsx\.org|open-vsx\.org.*Failed/.test(line)) return;
      process.stdout.write(`${line}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => settle(Number(code)));
    const remote = (path: string): string => `vscode-remote://127.0.0.1:${server!.port}${path}`;
    const payload: [string, string][] = [
      ['extensionDevelopmentPath', remote(ROOT)],
      ['extensionTestsPath', remote(join(ROOT, 'dist', 'e2e', 'suite', 'index.js'))],
      ['extensionEnvironment', JSON.stringify({ NIANBAO_E2E: 'code-server', ...(process.env.NIANBAO_E2E_GREP ? { NIANBAO_E2E_GREP: process.env.NIANBAO_E2E_GREP } : {}) })],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    const url = `http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(workspace.dir)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    console.log(`suite: code-server ${env.codeServerVersion} on port ${server.port}, workspace ${workspace.dir}`);
    await page.goto(url);
    let code: number;
    try {
      code = await withTimeout(exited, OVERALL_MS, 'the suite did not finish');
    } catch (error) {
      await page.screenshot({ path: join(RESULTS, 'suite-timeout.png') }).catch(() => {});
      throw error;
    }
    if (code !== 0) await page.screenshot({ path: join(RESULTS, 'suite-failed.png') }).catch(() => {});
    if (!summary) return { part: 'suite', passed: 0, failed: 1, skipped: 0, error: `the suite exited with ${code} and printed no result line (did it load? see the log above)` };
    if (code !== 0 && summary.failed === 0) return { part: 'suite', passed: summary.passed, failed: 1, skipped: summary.pending, error: `the suite exited with ${code}` };
    return { part: 'suite', passed: summary.passed, failed: summary.failed, skipped: summary.pending };
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
    rmSync(temp, { recursive: true, force: true, maxRetries: 3 });
  }
}

main().then(
  (result) => {
    report(result);
    process.exit(result.failed ? 1 : 0);
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`suite: ${message}`);
    report({ part: 'suite', passed: 0, failed: 1, skipped: 0, error: message });
    process.exit(/^setup missing/.test(message) ? 2 : 1);
  },
);
