/**
 * `npm run test:web` (scripts/e2e-run.mjs, part `web`): the web suite (dist/web/test/index.js,
 * test/web/build.mjs) inside the web-worker extension host of a VS Code web build from npm,
 * served by @vscode/test-web's server, in Debian's headless Chromium, offline
 * (../../../shared/testing/web-extension.md, route B). The extension under test is the packaged
 * one: the .vsix (`npm run package`) unpacked, with the suite bundle put beside its bundles
 * (NIANBAO_WEB_EXTENSION=repo tests the repository's own folder instead). The workspace is
 * test/web/workspace.ts's. The workbench reports every log line (codeAutomationLog) and the exit
 * code (codeAutomationExit); screenshots go to test-results/web/.
 *
 * Prints the suite's output, `[nianbao-web] …` figures, and a last line
 * `E2E-PART {"part":"web",…}` for scripts/e2e-run.mjs.
 */
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { format } from 'node:util';
import { unzipSync } from 'fflate';
import { withTimeout } from '../e2e/code-server.js';
import { loadWebEnv, openWorkbench, ROOT, WEB_RESULTS, type Workbench } from './workbench.js';
import { prepareWebWorkspace } from './workspace.js';

const OVERALL_MS = Number(process.env.NIANBAO_WEB_SUITE_TIMEOUT_MS ?? 10 * 60_000);
const RESULT = /\[nianbao-e2e\] result (\{.*\})/;
const SPEED = /\[nianbao-web\] speed (\{.*\})/;
const SHOTS = join(WEB_RESULTS, 'suite');
const SUITE = join(ROOT, 'dist', 'web', 'test', 'index.js');

interface PartResult {
  part: string;
  passed: number;
  failed: number;
  skipped: number;
  speed?: unknown;
  error?: string;
}

/** The .vsix's `extension/` folder unpacked into `into`, with the suite bundle beside its bundles. */
function unpackVsix(into: string): string {
  const vsix = process.env.NIANBAO_E2E_VSIX ?? join(ROOT, 'nianbao-0.1.0.vsix');
  if (!existsSync(vsix)) throw new Error(`setup missing: ${vsix} does not exist; run npm run package`);
  for (const [name, bytes] of Object.entries(unzipSync(readFileSync(vsix)))) {
    if (!name.startsWith('extension/') || name.endsWith('/')) continue;
    const path = join(into, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
  }
  const extension = join(into, 'extension');
  for (const entry of ['dist/web/client.js', 'dist/web/server.js']) {
    if (!existsSync(join(extension, entry))) throw new Error(`the .vsix has no ${entry}: the browser entry is not packaged`);
  }
  mkdirSync(join(extension, 'dist', 'web', 'test'), { recursive: true });
  copyFileSync(SUITE, join(extension, 'dist', 'web', 'test', 'index.js'));
  return extension;
}

async function main(): Promise<PartResult> {
  const env = loadWebEnv();
  if (!existsSync(SUITE)) throw new Error(`setup missing: ${SUITE} does not exist; run node test/web/build.mjs`);
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  const temp = mkdtempSync(join(tmpdir(), 'nianbao-web-suite-'));
  const workspace = prepareWebWorkspace(temp);
  const extension = process.env.NIANBAO_WEB_EXTENSION === 'repo' ? ROOT : unpackVsix(join(temp, 'vsix'));
  const pageLog = join(SHOTS, 'page-console.log');
  writeFileSync(pageLog, '');
  const output: string[] = [];
  let workbench: Workbench | undefined;
  try {
    const exit = new Promise<number>((resolve) => {
      void openWorkbench(env, { folder: workspace.dir, development: { extension, tests: join(extension, 'dist', 'web', 'test', 'index.js') } }, SHOTS, async (page) => {
        page.on('console', (m) => appendFileSync(pageLog, `[${m.type()}] ${m.text()}\n`));
        page.on('pageerror', (e) => appendFileSync(pageLog, `[pageerror] ${e.stack ?? String(e)}\n`));
        await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
          const line = format(...(args as [unknown, ...unknown[]]));
          output.push(line);
          console.log(type === 'error' ? `  [error] ${line}` : line);
        });
        await page.exposeFunction('codeAutomationExit', async (code: number) => {
          await workbench?.shot('final').catch(() => undefined);
          resolve(code);
        });
      }).then(
        (opened) => {
          workbench = opened;
          console.log(`web: workbench at ${opened.url} (VS Code ${env.buildVersion} web build, extension ${extension === ROOT ? 'from the repository' : 'from the .vsix'})`);
        },
        (error: unknown) => {
          output.push(String(error));
          resolve(2);
        },
      );
    });
    const code = await withTimeout(exit, OVERALL_MS, 'the web suite did not finish');
    const result = [...output.join('\n').matchAll(new RegExp(RESULT, 'g'))].at(-1);
    const counts = result ? (JSON.parse(result[1]!) as { passed: number; failed: number; pending: number }) : undefined;
    const speed = [...output.join('\n').matchAll(new RegExp(SPEED, 'g'))].at(-1);
    const base = { part: 'web', ...(speed ? { speed: JSON.parse(speed[1]!) as unknown } : {}) };
    if (!counts) return { ...base, passed: 0, failed: 1, skipped: 0, error: `the suite reported no result (exit code ${code}); page log: ${pageLog}` };
    return { ...base, passed: counts.passed, failed: counts.failed + (code !== 0 && counts.failed === 0 ? 1 : 0), skipped: counts.pending };
  } finally {
    await workbench?.close();
    rmSync(temp, { recursive: true, force: true, maxRetries: 3 });
  }
}

// A last resort should cleaning up itself hang.
withTimeout(main(), OVERALL_MS + 60_000, 'the web suite did not finish').then(
  (result) => {
    console.log(`web: screenshots and the page's console in ${SHOTS}`);
    console.log(`E2E-PART ${JSON.stringify(result)}`);
    process.exit(result.failed ? 1 : 0);
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`web: ${message}`);
    console.log(`E2E-PART ${JSON.stringify({ part: 'web', passed: 0, failed: 1, skipped: 0, error: message })}`);
    process.exit(/^setup missing/.test(message) ? 2 : 1);
  },
);
