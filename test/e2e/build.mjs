// Bundles the end-to-end Mocha suite to CommonJS for VS Code's extension host:
// test/e2e/suite/index.ts → dist/e2e/suite/index.js (`vscode` and `mocha` stay external; mocha 11
// is CommonJS and is found in the repository's node_modules). The bundle lies inside the
// extension's folder, which the suite relies on (see test/e2e/suite/helpers.ts, withWindowStub).
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
await build({
  absWorkingDir: root,
  entryPoints: { index: 'test/e2e/suite/index.ts' },
  outdir: 'dist/e2e/suite',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
