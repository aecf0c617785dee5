// nianbao's own lint rules: the module boundaries of ARCHITECTURE.md (eslint/boundaries.mjs) and
// no import circle. Both read import specifiers as written and resolve relative ones the way the
// TypeScript sources write them (`./x.js` for `./x.ts`).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FREE, MODULES, PATHS } from './boundaries.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** A path relative to the repository root, `/` separated. */
const repoPath = (file) => relative(ROOT, file).split(sep).join('/');

/** The module of a repository path (longest prefix), or undefined. */
function moduleOf(path) {
  let best;
  for (const prefix of Object.keys(PATHS)) {
    if ((path === prefix || (prefix.endsWith('/') && path.startsWith(prefix))) && (!best || prefix.length > best.length)) best = prefix;
  }
  return best === undefined ? undefined : PATHS[best];
}

/** The file a relative specifier names, or undefined when none exists. */
function resolveRelative(from, specifier) {
  const base = resolve(dirname(from), specifier);
  const candidates = [base, base.replace(/\.js$/, '.ts'), base.replace(/\.mjs$/, '.mts'), `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

/** The Node entry points of the LSP libraries: they are Node, and count as `node:*`. */
const NODE_ENTRY = /^vscode-(languageclient|languageserver|languageserver-protocol|jsonrpc)\/node$/;

/** The package a bare specifier names (`@scope/name`, `name`, `node:*`). */
function packageOf(specifier) {
  if (specifier.startsWith('node:') || NODE_ENTRY.test(specifier)) return 'node:*';
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Every static import specifier of a node (import, export … from, import('…') with a literal). */
function visitImports(report) {
  const check = (node) => {
    if (node.source && typeof node.source.value === 'string') report(node, node.source.value);
  };
  return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
}

const mayImport = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports only what ARCHITECTURE.md says a module may import (eslint/boundaries.mjs).' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const path = repoPath(file);
    if (FREE.some((prefix) => path.startsWith(prefix))) return {};
    const own = moduleOf(path);
    if (own === undefined) {
      return {
        Program(node) {
          context.report({ node, message: `${path} belongs to no module of eslint/boundaries.mjs: add it to PATHS and to ARCHITECTURE.md's table.` });
        },
      };
    }
    const allowed = MODULES[own];
    return visitImports((node, specifier) => {
      if (specifier.startsWith('.')) {
        const target = resolveRelative(file, specifier);
        if (!target) return;
        const targetModule = moduleOf(repoPath(target));
        if (targetModule === own || (targetModule !== undefined && allowed.modules.includes(targetModule))) return;
        context.report({ node, message: `${own} may not import ${targetModule ?? repoPath(target)} (${specifier}); ARCHITECTURE.md "may import": ${allowed.modules.join(', ') || 'nothing'}.` });
        return;
      }
      const name = packageOf(specifier);
      if (allowed.packages.includes(name)) return;
      context.report({ node, message: `${own} may not import the package ${specifier}; ARCHITECTURE.md "may import" allows ${allowed.packages.join(', ') || 'no package'}.` });
    });
  },
};

/** The source files whose imports make the graph: every .ts and .mjs outside dist, node_modules and fixtures. */
function sourceFiles() {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || ['node_modules', 'dist', 'fixtures', 'test-results'].includes(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|mjs)$/.test(entry.name)) out.push(path);
    }
  };
  for (const top of ['server', 'client', 'scripts', 'bench', 'test', 'eslint']) if (existsSync(join(ROOT, top))) walk(join(ROOT, top));
  return out;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/**
 * The import graph's circles: for each file, the strongly connected component it is in when that
 * has more than one file (Tarjan), with the files read (`known`) and when.
 */
function circles() {
  const builtAt = Date.now();
  const files = sourceFiles();
  const edges = new Map();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const targets = new Set();
    for (const m of text.matchAll(IMPORT)) {
      const specifier = m[1] ?? m[2] ?? m[3];
      if (!specifier?.startsWith('.')) continue;
      const target = resolveRelative(file, specifier);
      if (target && target !== file) targets.add(target);
    }
    edges.set(file, targets);
  }
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const component = new Map();
  let counter = 0;
  const connect = (v) => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!edges.has(w)) continue;
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v) === index.get(v)) {
      const members = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        members.push(w);
      } while (w !== v);
      if (members.length > 1) for (const m of members) component.set(m, members);
    }
  };
  for (const file of files) if (!index.has(file)) connect(file);
  return { component, known: new Set(files), builtAt };
}

let cached;

/** The circles, read again when a file on disk is new or changed since they were read (a long-lived linter, the tests). */
function circlesFor(file) {
  const stale = !cached || (existsSync(file) && (!cached.known.has(file) || statSync(file).mtimeMs > cached.builtAt));
  if (stale) cached = circles();
  return cached.component;
}

const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'No import circle: no file reaches itself through relative imports (type imports included).' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const members = circlesFor(file).get(file);
    if (!members) return {};
    return visitImports((node, specifier) => {
      if (!specifier.startsWith('.')) return;
      const target = resolveRelative(file, specifier);
      if (target && members.includes(target)) {
        context.report({ node, message: `Import circle: ${members.map(repoPath).join(' ⇄ ')}` });
      }
    });
  },
};

export default { rules: { 'may-import': mayImport, 'no-import-cycle': noImportCycle } };
