// Bundles the TypeScript sources with esbuild: the unified/remark stack is ESM-only, and the
// bundle lets the CLI (and later the extension and server) load it as one CommonJS file.
import { build } from 'esbuild';

await build({
  entryPoints: { cli: 'server/src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
