// Bundles the TypeScript sources with esbuild: the unified/remark stack is ESM-only, and the
// bundles let the CLI, the language server and the extension load it as CommonJS.
//   dist/cli.js                          the CLI (Node)
//   dist/server.js, dist/client.js       the extension in VS Code's Node extension host (package.json `main`)
//   dist/web/server.js, dist/web/client.js  the extension in a browser's web-worker extension host (`browser`)
// The extension's bundles are minified (names kept, for stack traces); the web bundles are built
// for the browser and fail the build if anything in them imports a Node built-in module.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// The extension's version, injected where the code names NIANBAO_VERSION (the server's serverInfo).
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const define = { NIANBAO_VERSION: JSON.stringify(version) };
const common = { bundle: true, sourcemap: true, logLevel: 'warning', define };
const node = { ...common, platform: 'node', format: 'cjs', target: 'node20' };
const extension = { minify: true, keepNames: true };

// ESM dependencies bundled as CommonJS (fdir under tinyglobby) read import.meta.url: give them the bundle's own URL.
const importMetaUrl = {
  banner: { js: 'const __nianbaoImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  define: { ...define, 'import.meta.url': '__nianbaoImportMetaUrl' },
};

// jsonc-parser's "main" is a UMD build whose dynamic require() esbuild cannot follow: bundle its ESM build.
const jsonc = { alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' } };

/** Node's built-in modules, by every name they are imported by (`fs`, `node:fs`, `fs/promises`). */
const BUILTIN = new RegExp(`^(node:)?(${builtinModules.map((m) => m.replace(/[/]/g, '\\/')).join('|')})(\\/.*)?$`);

/** Fails the build of a browser bundle on any import of a Node built-in, naming the importer. */
const noNodeBuiltins = {
  name: 'nianbao-no-node-builtins',
  setup(b) {
    b.onResolve({ filter: BUILTIN }, (args) => ({
      errors: [{ text: `"${args.path}" is a Node built-in module, imported by ${args.importer}: the browser bundles must not use Node (see ARCHITECTURE.md, "The browser")` }],
    }));
  },
};

// mammoth's browser build reads a .docx only from an ArrayBuffer, through JSZip, which would
// inflate every part whatever its size. nianbao gives mammoth its own bounded zip reader
// (server/src/shell/docx-package.ts) as the `file` input, which mammoth's Node build takes: in the
// browser build, mammoth's unzip module is this one, which takes that input and nothing else.
const mammothFileInput = {
  name: 'nianbao-mammoth-file-input',
  setup(b) {
    b.onResolve({ filter: /^\.\/unzip$/ }, (args) =>
      /[\\/]mammoth[\\/]lib[\\/]index\.js$/.test(args.importer) ? { path: 'mammoth-unzip', namespace: 'nianbao-shim' } : undefined,
    );
    b.onLoad({ filter: /^mammoth-unzip$/, namespace: 'nianbao-shim' }, () => ({
      loader: 'js',
      contents:
        'exports.openZip = function (input) { return input && input.file ? Promise.resolve(input.file) : Promise.reject(new Error("nianbao reads a .docx only through its own bounded zip reader")); };',
    }));
  },
};

// Both web bundles run in web workers (the extension host and the server), which have no DOM: a
// package's `worker` build before its `browser` one (decode-named-character-reference's uses `document`).
/** The options of the browser's bundles (test/unit/web-bundle.test.ts builds with them too). */
export const browserBuild = { ...common, ...extension, ...jsonc, platform: 'browser', conditions: ['worker'], target: 'es2022', plugins: [noNodeBuiltins, mammothFileInput] };
const browser = browserBuild;

// pdfjs-dist (PDF reading, issue 22) tries to load the native @napi-rs/canvas when it is first
// evaluated, to render pages, which nianbao never does, and prints warnings to standard output when
// it cannot (a single executable, an installation without it). The bundle leaves that attempt out
// and gives it the one DOM class its module needs to load (a matrix, never used to read text);
// the build fails if the pinned version's code is not what is cut, so an upgrade is looked at.
const PDFJS_CANVAS_START = '  let canvas;\n  try {\n    const require = process.getBuiltinModule("module").createRequire(import.meta.url);';
const PDFJS_CANVAS_END = '  if (!globalThis.navigator?.language) {';
const pdfjsWithoutCanvas = {
  name: 'pdfjs-without-canvas',
  setup(b) {
    b.onLoad({ filter: /pdfjs-dist[\\/]legacy[\\/]build[\\/]pdf\.mjs$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const start = source.indexOf(PDFJS_CANVAS_START);
      const end = source.indexOf(PDFJS_CANVAS_END, start);
      if (start < 0 || end < 0) throw new Error(`pdfjs-dist changed: the canvas polyfill of ${args.path} was not found (scripts/build.mjs)`);
      // Only a matrix is made when the module is evaluated (SCALE_MATRIX); text is read without drawing.
      const matrix =
        '  globalThis.DOMMatrix ??= class DOMMatrix { constructor(m) { [this.a, this.b, this.c, this.d, this.e, this.f] = ' +
        'Array.isArray(m) && m.length === 6 ? m : [1, 0, 0, 1, 0, 0]; } };\n';
      return { contents: source.slice(0, start) + matrix + source.slice(end), loader: 'js' };
    });
  },
};

// Built when run (`node scripts/build.mjs`), not when a test imports the options.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await Promise.all([
    build({ ...node, ...importMetaUrl, ...jsonc, plugins: [pdfjsWithoutCanvas], entryPoints: { cli: 'server/src/cli/main.ts' }, outdir: 'dist' }),
    build({ ...node, ...importMetaUrl, ...jsonc, ...extension, plugins: [pdfjsWithoutCanvas], entryPoints: { server: 'server/src/server/node/main.ts' }, outdir: 'dist' }),
    build({ ...node, ...extension, entryPoints: { client: 'client/src/node/main.ts' }, outdir: 'dist', external: ['vscode'] }),
    build({ ...browser, format: 'iife', entryPoints: { server: 'server/src/server/browser/main.ts' }, outdir: 'dist/web' }),
    build({ ...browser, format: 'cjs', entryPoints: { client: 'client/src/browser/main.ts' }, outdir: 'dist/web', external: ['vscode'] }),
  ]);
}
