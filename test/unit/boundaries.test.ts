/**
 * The design held mechanically (issue 19): `npm run lint` fails on an import that ARCHITECTURE.md's
 * "may import" table forbids (eslint/boundaries.mjs) and on an import circle. These tests lint
 * forbidden imports at real module paths, so a rule that stopped firing would be seen.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';
import { ROOT } from './helpers.js';

const eslint = new ESLint({ cwd: ROOT });

/** The nianbao/* messages for `code` linted as the file at `path`. */
async function boundaryErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
  return (result?.messages ?? []).filter((m) => m.ruleId?.startsWith('nianbao/')).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('module boundaries (eslint/boundaries.mjs)', () => {
  it('refuses an arrow back up inside the core: the model importing a rule', async () => {
    const errors = await boundaryErrors('server/src/core/model/probe.ts', "import { RULES } from '../rules/index.js';\nexport const n = RULES.length;\n");
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0]!, /core\/model may not import core\/rules/);
  });

  it('refuses node:*, vscode and the LSP libraries in the core, and core internals outside it', async () => {
    assert.equal((await boundaryErrors('server/src/core/rules/probe.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n")).length, 1);
    assert.equal((await boundaryErrors('server/src/core/probe-root.ts', 'export const x = 1;\n')).length, 1, 'a file in no module');
    assert.equal((await boundaryErrors('server/src/cli/probe.ts', "import { RULES } from '../core/rules/index.js';\nexport const n = RULES;\n")).length, 1);
    assert.equal((await boundaryErrors('server/src/server/probe.ts', "import { checkText } from '../core/index.js';\nexport const c = checkText;\n")).length, 0);
  });

  it('keeps Node out of what the browser runs: the shared server, the portable shell and the shared client (issue 25)', async () => {
    const forbidden: [string, string][] = [
      ['server/src/server/probe.ts', "import { readFile } from 'node:fs/promises';\nexport const r = readFile;\n"],
      ['server/src/server/probe.ts', "import { walkMarkdown } from '../shell/walk.js';\nexport const w = walkMarkdown;\n"],
      ['server/src/server/probe.ts', "import { nodeHost } from './node/host.js';\nexport const h = nodeHost;\n"],
      ['server/src/server/browser/probe.ts', "import { encodeText } from '../../shell/encoding.js';\nexport const e = encodeText;\n"],
      ['server/src/shell/probe.ts', "import { inflateRawSync } from 'node:zlib';\nexport const i = inflateRawSync;\n"],
      ['client/src/probe.ts', "import * as path from 'node:path';\nexport const p = path;\n"],
      ['client/src/browser/probe.ts', "import { LanguageClient } from 'vscode-languageclient/node';\nexport const c = LanguageClient;\n"],
    ];
    for (const [path, code] of forbidden) {
      const errors = await boundaryErrors(path, code);
      assert.equal(errors.length, 1, `${path}: ${code}${errors.join('\n')}`);
    }
    const allowed: [string, string][] = [
      ['server/src/server/node/probe.ts', "import { walkMarkdown } from '../../shell/walk.js';\nimport { readFile } from 'node:fs/promises';\nexport const w = [walkMarkdown, readFile];\n"],
      ['server/src/server/browser/probe.ts', "import { startServer } from '../server.js';\nexport const s = startServer;\n"],
      ['client/src/node/probe.ts', "import * as path from 'node:path';\nimport { clientOptions } from '../client.js';\nexport const p = [path, clientOptions];\n"],
    ];
    for (const [path, code] of allowed) assert.deepEqual(await boundaryErrors(path, code), [], path);
  });

  it('refuses an import circle', async () => {
    const a = join(ROOT, 'server', 'src', 'core', 'text', 'zz-circle-a.ts');
    const b = join(ROOT, 'server', 'src', 'core', 'text', 'zz-circle-b.ts');
    try {
      writeFileSync(a, "import { b } from './zz-circle-b.js';\nexport const a = b;\n");
      writeFileSync(b, "import { a } from './zz-circle-a.js';\nexport const b = () => a;\n");
      // A fresh linter reads the import graph anew.
      const [result] = await new ESLint({ cwd: ROOT }).lintFiles([a]);
      assert.ok(result!.messages.some((m) => m.ruleId === 'nianbao/no-import-cycle'), JSON.stringify(result!.messages));
    } finally {
      rmSync(a, { force: true });
      rmSync(b, { force: true });
    }
  });

  it('names in ARCHITECTURE.md every module the lint knows', async () => {
    const { PATHS } = (await import(join(ROOT, 'eslint', 'boundaries.mjs'))) as { PATHS: Record<string, string> };
    const architecture = readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8');
    for (const path of Object.keys(PATHS)) {
      const name = path.replace(/^server\/src\/core\//, '').replace(/\/$/, '/');
      assert.ok(architecture.includes(name), `ARCHITECTURE.md does not name ${path}`);
    }
  });
});
