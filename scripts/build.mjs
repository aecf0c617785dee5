// Bundles the TypeScript sources with esbuild: the unified/remark stack is ESM-only, and the
// bundles let the CLI, the language server and the extension load it as CommonJS.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

// The extension's version, injected where the code names NIANBAO_VERSION (the server's serverInfo).
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, logLevel: 'warning', define: { NIANBAO_VERSION: JSON.stringify(version) } };

// ESM dependencies bundled as CommonJS (fdir under tinyglobby) read import.meta.url: give them the bundle's own URL.
const importMetaUrl = {
  banner: { js: 'const __nianbaoImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  define: { ...common.define, 'import.meta.url': '__nianbaoImportMetaUrl' },
};

// jsonc-parser's "main" is a UMD build whose dynamic require() esbuild cannot follow: bundle its ESM build.
const jsonc = { alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' } };

await Promise.all([
  build({ ...common, ...importMetaUrl, ...jsonc, entryPoints: { cli: 'server/src/cli/main.ts', server: 'server/src/server/main.ts' }, outdir: 'dist' }),
  build({ ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] }),
]);
