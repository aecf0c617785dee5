/**
 * The end-to-end suite: the module `extensionTestsPath` names (bundled by test/e2e/build.mjs to
 * dist/e2e/suite/index.js). VS Code's extension host calls `run()`; it runs the Mocha tests
 * below against the extension under development and the workspace the runner prepared
 * (test/e2e/workspace.ts). The same module runs under @vscode/test-electron and inside
 * code-server (scripts/e2e-run.mjs).
 */
import Mocha from 'mocha';
import activation from './activation.js';
import commands from './commands.js';
import fixes from './fixes.js';
import seeds from './seeds.js';
import settings from './settings.js';
import { speedSuite } from '../../web/suite/speed.js';

/** The runners look for this prefix in the log to count the results. */
export const RESULT_PREFIX = '[nianbao-e2e] result ';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 120_000, slow: 15_000 });
  const grep = process.env.NIANBAO_E2E_GREP;
  if (grep) mocha.grep(grep);
  // Test files register through the interface functions Mocha hands out on 'pre-require'.
  const context = {} as Mocha.MochaGlobals;
  mocha.suite.emit('pre-require', context, 'nianbao-e2e', mocha);
  // The editor's speed in VS Code's Node extension host, to compare with the browser's (test/web).
  for (const register of [activation, seeds, fixes, commands, settings, speedSuite()]) register(context);
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats ?? { passes: 0, failures, pending: 0 };
      console.log(`${RESULT_PREFIX}${JSON.stringify({ passed: stats.passes, failed: stats.failures, pending: stats.pending })}`);
      if (failures > 0) reject(new Error(`${failures} end-to-end test(s) failed`));
      else resolve();
    });
  });
}
