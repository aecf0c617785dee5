// The "may import" table of ARCHITECTURE.md as data, held by the rule nianbao/may-import
// (eslint/plugin.mjs). A file belongs to the module whose path is the longest prefix of its own;
// it may import files of its own module, of the modules in `modules`, and the packages in
// `packages` (a package by its name; `node:*` for Node's modules, and for the Node entry points
// of the LSP libraries, such as `vscode-languageclient/node`). Test, bench and e2e files
// may import anything. A change here is a change of the architecture: ARCHITECTURE.md's table
// says the same.

const CORE_BASE = ['core/text', 'core/findings'];

/** @type {Record<string, { modules: string[], packages: string[] }>} */
export const MODULES = {
  'core/text': { modules: [], packages: [] },
  'core/findings': { modules: ['core/text'], packages: [] },
  'core/formats': { modules: [...CORE_BASE], packages: [] },
  'core/model': {
    modules: [...CORE_BASE, 'core/formats'],
    packages: ['unified', 'remark-parse', 'remark-gfm', 'mdast', 'mdast-util-gfm-footnote', 'micromark-extension-gfm-footnote', 'parse5'],
  },
  'core/prose': { modules: [...CORE_BASE, 'core/formats', 'core/model'], packages: [] },
  'core/cross': { modules: [...CORE_BASE, 'core/formats', 'core/model'], packages: [] },
  'core/rewrite': { modules: [...CORE_BASE, 'core/formats', 'core/model'], packages: [] },
  'core/suppressions': { modules: [...CORE_BASE], packages: [] },
  'core/rules': { modules: [...CORE_BASE, 'core/formats', 'core/model', 'core/prose', 'core/cross', 'core/rewrite'], packages: [] },
  'core/check': { modules: [...CORE_BASE, 'core/formats', 'core/model', 'core/cross', 'core/rules', 'core/suppressions'], packages: [] },
  'core/fixes': { modules: [...CORE_BASE, 'core/check'], packages: [] },
  'core/features': {
    modules: [...CORE_BASE, 'core/formats', 'core/model', 'core/prose', 'core/cross', 'core/rewrite', 'core/rules', 'core/fixes'],
    packages: ['parse5'],
  },
  'core/index': {
    modules: [
      ...CORE_BASE,
      'core/formats',
      'core/model',
      'core/prose',
      'core/cross',
      'core/rewrite',
      'core/rules',
      'core/suppressions',
      'core/check',
      'core/fixes',
      'core/features',
    ],
    packages: [],
  },
  protocol: { modules: [], packages: [] },
  // What the browser runs too: no Node module (the build of the web bundles fails on one as well).
  shell: { modules: ['core/index'], packages: ['mammoth', 'docx', 'fflate', 'ignore', 'jsonc-parser'] },
  // The disk and Node's Buffer: the CLI and the Node language server only.
  'shell/node': { modules: ['core/index', 'shell'], packages: ['iconv-lite', 'ignore', 'pdfjs-dist', 'node:*'] },
  cli: { modules: ['core/index', 'shell', 'shell/node', 'package.json'], packages: ['tinyglobby', 'ignore', 'write-excel-file', 'node:*'] },
  // The one server of both entries: files only through its host (server/host.ts), no Node module.
  server: {
    modules: ['core/index', 'shell', 'protocol', 'l10n'],
    packages: ['vscode-languageserver', 'vscode-languageserver-textdocument', '@vscode/l10n', 'minimatch'],
  },
  'server/node': { modules: ['server', 'core/index', 'shell', 'shell/node', 'protocol'], packages: ['vscode-languageserver', 'node:*'] },
  'server/browser': { modules: ['server', 'core/index', 'shell', 'protocol'], packages: ['vscode-languageserver'] },
  // The extension of both entries, no Node module.
  client: { modules: ['protocol', 'core/formats', 'l10n'], packages: ['vscode', 'vscode-languageclient'] },
  'client/node': { modules: ['client'], packages: ['vscode', 'vscode-languageclient', 'node:*'] },
  'client/browser': { modules: ['client'], packages: ['vscode', 'vscode-languageclient'] },
  l10n: { modules: [], packages: [] },
  scripts: { modules: ['core/index', 'core/formats', 'shell'], packages: ['esbuild', 'node:*', 'tm-grammars', 'vscode-oniguruma', 'vscode-textmate', 'playwright-core', '@vscode/test-electron', 'resedit', 'postject'] },
};

/** Path prefixes (relative to the repository root, `/` separated) → module; the longest prefix wins. */
export const PATHS = {
  'server/src/core/text/': 'core/text',
  'server/src/core/findings.ts': 'core/findings',
  'server/src/core/formats/': 'core/formats',
  'server/src/core/model/': 'core/model',
  'server/src/core/prose/': 'core/prose',
  'server/src/core/cross/': 'core/cross',
  'server/src/core/rewrite/': 'core/rewrite',
  'server/src/core/suppressions.ts': 'core/suppressions',
  'server/src/core/rules/': 'core/rules',
  'server/src/core/check.ts': 'core/check',
  'server/src/core/fixes/': 'core/fixes',
  'server/src/core/explain.ts': 'core/features',
  'server/src/core/format-tables.ts': 'core/features',
  'server/src/core/next-year.ts': 'core/features',
  'server/src/core/import-html.ts': 'core/features',
  'server/src/core/locate.ts': 'core/features',
  'server/src/core/table-cells.ts': 'core/features',
  'server/src/core/totals.ts': 'core/features',
  'server/src/core/group-findings.ts': 'core/features',
  'server/src/core/index.ts': 'core/index',
  'server/src/protocol.ts': 'protocol',
  'server/src/shell/': 'shell',
  'server/src/shell/read-regular-file.ts': 'shell/node',
  'server/src/shell/walk.ts': 'shell/node',
  'server/src/shell/config.ts': 'shell/node',
  'server/src/shell/encoding.ts': 'shell/node',
  'server/src/shell/read-source.ts': 'shell/node',
  'server/src/shell/pdf-read.ts': 'shell/node',
  'server/src/shell/pdf-layout.ts': 'shell/node',
  'server/src/cli/': 'cli',
  'server/src/server/': 'server',
  'server/src/server/node/': 'server/node',
  'server/src/server/browser/': 'server/browser',
  'client/src/': 'client',
  'client/src/node/': 'client/node',
  'client/src/browser/': 'client/browser',
  'l10n/': 'l10n',
  'scripts/': 'scripts',
  'package.json': 'package.json',
};

/** Files under these prefixes may import anything (tests, benchmarks, the end-to-end suites). */
export const FREE = ['test/', 'bench/', 'eslint/', 'eslint.config.mjs'];
