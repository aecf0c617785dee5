// Bundles the TypeScript sources with esbuild: the unified/remark stack is ESM-only, and the
// bundles let the CLI, the language server and the extension load it as CommonJS.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, logLevel: 'warning' };

await Promise.all([
  build({ ...common, entryPoints: { cli: 'server/src/cli/main.ts', server: 'server/src/server/main.ts' }, outdir: 'dist' }),
  build({ ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] }),
]);
