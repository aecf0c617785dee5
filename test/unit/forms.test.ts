/**
 * Every form a report arrives in gives the findings of its Markdown draft (issue 22): each rule's
 * fixtures, the seeds and the examples, made into a Word file (merged cells, narrow label columns)
 * and a saved web page in GB18030 with a site around it (test/forms/make.ts), are checked by the
 * CLI's own code and must give the same findings — same rule, same message, same table, row and
 * column — as the Markdown; and importing the Word file gives a draft that checks the same again.
 * A fixture whose case is about the Markdown form itself (an HTML or pasted table, a picture, a
 * comment directive, a list) has no Word or page form and is left out, by name in the counts.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkText } from '../../server/src/core/index.js';
import { importDraft } from '../../server/src/shell/import-draft.js';
import { checkFiles } from '../../server/src/cli/check-files.js';
import { markdownKeys, outcomeKeys } from '../forms/compare.js';
import { docxOfBlocks, draftBlocks, gb18030, pageOfBlocks } from '../forms/make.js';
import { FIXTURES, ROOT, readMarkedFixture } from './helpers.js';

/** Every fixture a form is made of: the rules' fixtures, the seeds, the examples. */
function fixtures(): { name: string; path: string }[] {
  const out: { name: string; path: string }[] = [];
  const rules = join(FIXTURES, 'rules');
  for (const rule of readdirSync(rules).filter((r) => !r.startsWith('_') && !r.endsWith('.md')).sort()) {
    for (const file of readdirSync(join(rules, rule)).filter((f) => f.endsWith('.md')).sort()) out.push({ name: `${rule}/${file}`, path: join(rules, rule, file) });
  }
  for (const file of readdirSync(join(FIXTURES, 'seeds')).filter((f) => /^seed-.*\.md$/.test(f))) out.push({ name: `seeds/${file}`, path: join(FIXTURES, 'seeds', file) });
  for (const file of readdirSync(join(ROOT, 'examples')).filter((f) => /^\d{4}-.*\.md$/.test(f))) out.push({ name: `examples/${file}`, path: join(ROOT, 'examples', file) });
  return out;
}

describe('a Word file and a saved page of every fixture give the findings of its Markdown', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-forms-'));
  const all = fixtures();
  const made = all.map((f) => ({ ...f, fixture: readMarkedFixture(f.path) })).map((f) => ({ ...f, blocks: draftBlocks(f.fixture.text) }));

  it(`each form of each fixture (${all.length} fixtures)`, async (t) => {
    const mismatches: string[] = [];
    let compared = 0;
    const left: string[] = [];
    for (const { name, fixture, blocks } of made) {
      if (!blocks) {
        left.push(name);
        continue;
      }
      const base = name.replace(/[/.]/g, '_');
      const docx = join(dir, `${base}.docx`);
      const page = join(dir, `${base}.html`);
      writeFileSync(docx, await docxOfBlocks(blocks));
      writeFileSync(page, gb18030(pageOfBlocks(blocks, compared % 4 === 0 ? 'h3' : 'strong')));
      const expected = markdownKeys(checkText(fixture.text));
      for (const path of [docx, page]) {
        // One file at a time: fixtures of one body and consecutive years must not become each other's last year.
        const [outcome] = await checkFiles([{ path, explicit: true, display: path }], { fix: false, locale: 'zh' });
        compared++;
        const actual = outcome!.state === 'checked' ? outcomeKeys(outcome!) : [`not checked: ${outcome!.notRead?.message.zh ?? outcome!.errors.join(' ')}`];
        if (JSON.stringify(actual) !== JSON.stringify(expected)) {
          const missing = expected.filter((k) => !actual.includes(k));
          const extra = actual.filter((k) => !expected.includes(k));
          mismatches.push(`${name} (${path.endsWith('.docx') ? 'Word' : 'page'}):\n  missing: ${missing.join('\n           ')}\n  extra:   ${extra.join('\n           ')}`);
        }
      }
    }
    t.diagnostic(`${compared} Word files and pages compared; ${left.length} fixtures about the Markdown form left out`);
    assert.deepEqual(mismatches, [], mismatches.join('\n'));
    assert.ok(compared >= 2 * (all.length - left.length) && compared > 300, `${compared} forms compared`);
    // The fixtures left out are the ones about the Markdown form (named, so a new one is looked at).
    assert.ok(left.length < all.length / 3, `left out: ${left.join(', ')}`);
  });

  it('importing the Word file gives a draft with the same findings (no row, cell or figure added)', async () => {
    const mismatches: string[] = [];
    for (const { name, fixture, blocks } of made) {
      if (!blocks) continue;
      const imported = await importDraft(await docxOfBlocks(blocks), 'docx');
      assert.ok(!('error' in imported), `${name}: ${'error' in imported ? imported.error.zh : ''}`);
      const expected = markdownKeys(checkText(fixture.text));
      const actual = markdownKeys(checkText(imported.text));
      if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches.push(`${name}:\n  markdown: ${expected.join('\n            ')}\n  imported: ${actual.join('\n            ')}`);
    }
    assert.deepEqual(mismatches, [], mismatches.join('\n'));
  });
});
