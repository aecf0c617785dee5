/**
 * The web suite: the module `extensionTestsPath` names in the browser (bundled by
 * test/web/build.mjs to dist/web/test/index.js, inside the extension's folder). The web-worker
 * extension host calls `run()`; it runs with Mocha's browser build the end-to-end suites
 * (test/e2e/suite/, unchanged: `node:assert/strict` is ./assert.ts here) and the browser's own
 * (web.ts, speed.ts) against the extension under test and the workspace the runner prepared
 * (test/web/workspace.ts).
 */
import 'mocha/mocha.js';
import activation from '../../e2e/suite/activation.js';
import commands from '../../e2e/suite/commands.js';
import fixes from '../../e2e/suite/fixes.js';
import seeds from '../../e2e/suite/seeds.js';
import settings from '../../e2e/suite/settings.js';
import { speedSuite } from './speed.js';
import { serverLatencies } from './speed-server.js';
import web from './web.js';

/**
 * End-to-end tests that need what a browser has not: a symbolic link made on the disk (the
 * browser's workspace is the test server's folder, written in memory only).
 */
const NOT_IN_A_BROWSER = /never writes through a symbolic link/;

/** The runners look for this prefix in the log to count the results (as test/e2e/suite/index.ts writes it). */
export const RESULT_PREFIX = '[nianbao-e2e] result ';

export function run(): Promise<void> {
  mocha.setup({ ui: 'bdd', reporter: 'spec', color: false, timeout: 120_000, slow: 15_000 });
  mocha.grep(NOT_IN_A_BROWSER).invert();
  const context = globalThis as unknown as Mocha.MochaGlobals;
  for (const register of [web, activation, seeds, fixes, commands, settings, speedSuite(serverLatencies)]) register(context);
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats ?? { passes: 0, failures, pending: 0 };
      console.log(`${RESULT_PREFIX}${JSON.stringify({ passed: stats.passes, failed: stats.failures, pending: stats.pending })}`);
      if (failures > 0) reject(new Error(`${failures} web test(s) failed`));
      else resolve();
    });
  });
}
