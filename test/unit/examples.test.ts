/**
 * The bundled example drafts show every kind of problem the rules find, and exactly the
 * problems examples/README.md lists (so the README a new user reads stays true).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../../server/src/core/index.js';
import { check, markdownFiles, ROOT } from './helpers.js';

const EXAMPLES = join(ROOT, 'examples');
/**
 * Rules about the file rather than its text: the examples are UTF-8 drafts to open and read, so
 * file-encoding is shown by its fixtures (GB18030 and UTF-16 files) and the CLI tests instead;
 * document-too-complex needs a draft no one could read (4,000 nested lists), shown by its
 * fixtures and test/unit/input-guard.test.ts.
 */
const NOT_IN_EXAMPLES = new Set(['file-encoding', 'document-too-complex']);

function listedProblems(): string[] {
  const readme = readFileSync(join(EXAMPLES, 'README.md'), 'utf8');
  const chinese = readme.slice(0, readme.indexOf('## English'));
  const rows = [...chinese.matchAll(/^\| `([^`]+\.md)` \| (\d+) \| `([a-z-]+)` \|/gm)];
  return rows.map((m) => `${m[1]}:${m[2]}:${m[3]}`).sort();
}

describe('examples', () => {
  const found: string[] = [];
  for (const file of markdownFiles(EXAMPLES)) {
    const result = check(readFileSync(file, 'utf8'));
    for (const f of result.findings) found.push(`${file.slice(EXAMPLES.length + 1)}:${result.report.lines.lineAt(f.range.start) + 1}:${f.rule}`);
  }
  found.sort();

  it('report exactly the problems examples/README.md lists', () => {
    assert.deepEqual(found, listedProblems());
  });

  it('show every rule at least once', () => {
    const rules = new Set(found.map((f) => f.split(':')[2]));
    // The rules across reports need two years of one body: their fixtures are in across.test.ts.
    assert.deepEqual(RULES.filter((r) => !r.needsPrevious).map((r) => r.id).filter((id) => !rules.has(id) && !NOT_IN_EXAMPLES.has(id)), []);
  });

  it('include a clean report', () => {
    assert.ok(!found.some((f) => f.startsWith('2023-青山县交通运输局.md')));
  });
});
