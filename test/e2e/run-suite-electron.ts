/**
 * Part (c) of `npm run test:e2e`: the same Mocha suite the standard way, with
 * @vscode/test-electron's `runTests` (a desktop VS Code, downloaded and cached, or the one named by
 * VSCODE_EXECUTABLE). This is what runs on a developer's desktop and in public CI.
 *
 * Where VS Code cannot be had (no VSCODE_EXECUTABLE, no cached download, and the update server
 * does not answer within 5 s), the part is skipped with a message saying so; it never waits on a
 * network timeout longer than that. NIANBAO_E2E_ELECTRON=skip skips it explicitly.
 *
 * Prints a last line `E2E-PART {"part":"electron",…}` for scripts/e2e-run.mjs.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { withTimeout, writeUserSettings } from './code-server.js';
import { prepareWorkspace, ROOT } from './workspace.js';

const PROBE_URL = 'https://update.code.visualstudio.com/api/releases/stable';
const PROBE_MS = 5_000;
const OVERALL_MS = Number(process.env.NIANBAO_E2E_ELECTRON_TIMEOUT_MS ?? 15 * 60_000);
const CACHE = join(process.env.NIANBAO_E2E_CACHE ?? join(homedir(), '.cache', 'nianbao-e2e'), 'vscode-test');
const RESULT = /\[nianbao-e2e\] result (\{.*\})/;

interface PartResult {
  part: 'electron';
  passed: number;
  failed: number;
  skipped: number;
  reason?: string;
  error?: string;
}

function done(result: PartResult): never {
  console.log(`E2E-PART ${JSON.stringify(result)}`);
  process.exit(result.failed ? 1 : 0);
}

function skip(reason: string): never {
  console.log(`electron: SKIPPED — ${reason}`);
  done({ part: 'electron', passed: 0, failed: 0, skipped: 1, reason });
}

/** A VS Code that test-electron downloaded earlier into the cache. */
function cachedVsCode(): boolean {
  return existsSync(CACHE) && readdirSync(CACHE).some((name) => name.startsWith('vscode-'));
}

/** Whether VS Code's update server answers within PROBE_MS. */
async function canDownload(): Promise<string | undefined> {
  try {
    const response = await fetch(PROBE_URL, { method: 'GET', signal: AbortSignal.timeout(PROBE_MS) });
    return response.ok ? undefined : `${PROBE_URL} answered ${response.status}`;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return `${PROBE_URL} is not reachable within ${PROBE_MS / 1000} s (${cause ?? (error as Error).name ?? String(error)})`;
  }
}

async function main(): Promise<void> {
  if (process.env.NIANBAO_E2E_ELECTRON === 'skip') skip('NIANBAO_E2E_ELECTRON=skip');
  const executable = process.env.VSCODE_EXECUTABLE;
  if (executable && !existsSync(executable)) {
    done({ part: 'electron', passed: 0, failed: 1, skipped: 0, error: `VSCODE_EXECUTABLE=${executable} does not exist` });
  }
  if (!executable && !cachedVsCode()) {
    const unreachable = await canDownload();
    if (unreachable) {
      skip(
        `no VS Code executable can be had here: VSCODE_EXECUTABLE is not set, none is cached in ${CACHE}, and ${unreachable}. ` +
          'The same suite ran inside code-server (part "suite"). On a desktop or in public CI, run `npm run test:e2e -- --only electron`.',
      );
    }
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    done({ part: 'electron', passed: 0, failed: 1, skipped: 0, error: 'no display for VS Code: run under a virtual one, e.g. `xvfb-run -a npm run test:e2e -- --only electron`' });
  }

  const temp = mkdtempSync(join(tmpdir(), 'nianbao-e2e-electron-'));
  const workspace = prepareWorkspace(temp);
  const userDataDir = join(temp, 'user-data');
  writeUserSettings(userDataDir);
  // The suite's output comes through this process's stdout: watch it for the result line.
  let summary: { passed: number; failed: number; pending: number } | undefined;
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const m = RESULT.exec(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
    if (m) summary = JSON.parse(m[1]!) as typeof summary;
    return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
  let code: number;
  try {
    code = await withTimeout(
      runTests({
        ...(executable ? { vscodeExecutablePath: executable } : { cachePath: CACHE, timeout: 30_000 }),
        extensionDevelopmentPath: ROOT,
        extensionTestsPath: join(ROOT, 'dist', 'e2e', 'suite', 'index.js'),
        extensionTestsEnv: { NIANBAO_E2E: 'electron', ...(process.env.NIANBAO_E2E_GREP ? { NIANBAO_E2E_GREP: process.env.NIANBAO_E2E_GREP } : {}) },
        launchArgs: [
          workspace.dir,
          '--disable-extensions',
          '--disable-workspace-trust',
          '--skip-welcome',
          '--skip-release-notes',
          '--disable-gpu',
          `--user-data-dir=${userDataDir}`,
          `--extensions-dir=${join(temp, 'extensions')}`,
        ],
      }).catch((error: Error) => {
        console.error(`electron: ${error.message}`);
        return 1;
      }),
      OVERALL_MS,
      'the test-electron run did not finish',
    );
  } finally {
    process.stdout.write = write;
    rmSync(temp, { recursive: true, force: true, maxRetries: 3 });
  }
  if (!summary) done({ part: 'electron', passed: 0, failed: 1, skipped: 0, error: `VS Code exited with ${code} and the suite printed no result line` });
  done({ part: 'electron', passed: summary.passed, failed: summary.failed || (code === 0 ? 0 : 1), skipped: summary.pending });
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`electron: ${message}`);
  done({ part: 'electron', passed: 0, failed: 1, skipped: 0, error: message });
});
