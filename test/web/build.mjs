// Bundles the web suite for the browser's extension host: test/web/suite/index.ts →
// dist/web/test/index.js, inside the extension's folder (the suite then gets the same `vscode`
// API object as the extension, which helpers.withWindowStub relies on). `vscode` stays external;
// Mocha's browser build is bundled; `node:assert/strict`, which the end-to-end suites import, is
// test/web/suite/assert.ts. The browser has no Node: the build fails on any other Node module
// imported statically, and one imported when a test runs throws there.
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUILTIN = new RegExp(`^(node:)?(${builtinModules.join('|')})(/.*)?$`);

await build({
  absWorkingDir: root,
  entryPoints: { index: 'test/web/suite/index.ts' },
  outdir: process.env.NIANBAO_WEB_TEST_OUT ?? 'dist/web/test',
  bundle: true,
  platform: 'browser',
  conditions: ['worker'],
  format: 'cjs',
  target: 'es2022',
  sourcemap: 'inline',
  external: ['vscode'],
  define: { global: 'globalThis' },
  logLevel: 'warning',
  plugins: [
    {
      name: 'no-node-builtins',
      setup(b) {
        b.onResolve({ filter: BUILTIN }, (args) => {
          if (args.path === 'node:assert/strict') return { path: join(root, 'test', 'web', 'suite', 'assert.ts') };
          // A test that loads a Node module when it runs (one the web suite leaves out) fails there, saying why.
          if (args.kind === 'dynamic-import') return { path: args.path, namespace: 'absent-in-a-browser' };
          return { errors: [{ text: `"${args.path}" is a Node module, imported by ${args.importer}: the web suite runs in a browser` }] };
        });
        b.onLoad({ filter: /.*/, namespace: 'absent-in-a-browser' }, (args) => ({
          contents: `throw new Error(${JSON.stringify(`${args.path} is a Node module: there is none in a browser`)});`,
          loader: 'js',
        }));
      },
    },
  ],
});
