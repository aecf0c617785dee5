/**
 * Every rule against its fixtures: test/fixtures/rules/<rule-id>/right*.md and wrong*.md, with
 * the expected findings marked inline (see test/fixtures/rules/README.md). The findings of all
 * rules must be exactly the marked ones. Fixtures are read as the CLI reads files, and checked
 * with the encoding they were read in (file-encoding's cases are GB18030 and UTF-16 files).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../../server/src/core/index.js';
import { check, describeFindings, findingKeys, FIXTURES, markdownFiles, readMarkedFixture } from './helpers.js';

const RULE_FIXTURES = join(FIXTURES, 'rules');
/** The rules of one report; the rules across reports need two, and are tested in across.test.ts. */
const ONE_REPORT_RULES = RULES.filter((rule) => !rule.needsPrevious);

describe('rule fixtures', () => {
  it('every rule has a folder with right and wrong cases', () => {
    for (const rule of ONE_REPORT_RULES) {
      const folder = join(RULE_FIXTURES, rule.id);
      assert.ok(existsSync(folder), `missing fixtures for ${rule.id}`);
      const files = readdirSync(folder);
      assert.ok(files.some((f) => f.startsWith('right')), `${rule.id}: no right case`);
      assert.ok(files.filter((f) => f.startsWith('wrong')).length >= 2, `${rule.id}: fewer than two wrong cases`);
    }
  });

  for (const folder of ['_base', ...ONE_REPORT_RULES.map((r) => r.id)]) {
    describe(folder, () => {
      for (const file of markdownFiles(join(RULE_FIXTURES, folder))) {
        it(basename(file), () => {
          const fixture = readMarkedFixture(file);
          // The file's encoding is passed as the CLI passes it: file-encoding's fixtures are stored as GB18030 and UTF-16 bytes.
          const result = check(fixture.text, { encoding: fixture.encoding.encoding });
          assert.deepEqual(result.failures, []);
          assert.deepEqual(findingKeys(result), fixture.expected, `findings were:\n${describeFindings(result)}`);
          if (basename(file).startsWith('wrong') && folder !== '_base') {
            assert.ok(result.findings.some((f) => f.rule === folder), `a wrong case of ${folder} must produce a ${folder} finding`);
          }
        });
      }
    });
  }
});
