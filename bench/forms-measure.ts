/**
 * The in-process half of bench/forms.ts, run from a bundle as the CLI runs (esbuild, as
 * scripts/build.mjs bundles dist/cli.js): tsx's module getters would slow the parse5-heavy reading
 * of Word files and pages more than the Markdown check. Prints its rows as JSON.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReport, checkReport, checkText } from '../server/src/core/index.js';
import { isSourceDraft, readSource, sourcePosition } from '../server/src/shell/read-source.js';
import { docxOfBlocks, draftBlocks, gb18030, pageOfBlocks } from '../test/forms/make.js';
import type { FormRow } from './forms.js';
import { formSources } from './forms-sources.js';

const ROOT = process.argv[2] ?? join(__dirname, '..');
const FORMS = join(ROOT, 'test', 'fixtures', 'forms');

/**
 * The mean times of two runs in ms, taken in turns (a, b, a, b, …) after a warm-up, so that a
 * machine busy with other work slows both alike: as many turns as fit in `budget` ms, at least 5.
 */
async function timePair(a: () => unknown, b: () => unknown | Promise<unknown>, budget = 1500): Promise<[number, number]> {
  for (let i = 0; i < 2; i++) {
    a();
    await b();
  }
  let n = 0;
  let ta = 0;
  let tb = 0;
  const start = performance.now();
  while (n < 5 || performance.now() - start < budget) {
    const t0 = performance.now();
    a();
    const t1 = performance.now();
    await b();
    const t2 = performance.now();
    ta += t1 - t0;
    tb += t2 - t1;
    n++;
  }
  return [ta / n, tb / n];
}

/** Reads a form and checks it as the CLI does (cli/check-files.ts: the report reading built, not parsed again). */
async function checkForm(bytes: Uint8Array, kind: 'docx' | 'html' | 'pdf'): Promise<void> {
  const source = await readSource(bytes, kind);
  if (!isSourceDraft(source)) throw new Error(`${kind}: ${source.message.en}`);
  const result = checkReport(source.report ?? buildReport(source.text), {});
  for (const f of result.findings) sourcePosition(source, result.report, f.range.start);
}

/** The in-process rows. */
async function measureRows(): Promise<FormRow[]> {
  const rows: FormRow[] = [];
  for (const { name, markdown } of formSources(ROOT)) {
    const blocks = draftBlocks(markdown)!;
    const docx = await docxOfBlocks(blocks);
    const page = gb18030(pageOfBlocks(blocks));
    for (const [form, bytes] of [['docx', docx], ['html', page]] as const) {
      const [markdownMs, formMs] = await timePair(() => checkText(markdown), () => checkForm(bytes, form));
      rows.push({ form, name, bytes: bytes.length, markdownMs, formMs, ratio: formMs / markdownMs });
    }
  }
  const manifest = JSON.parse(readFileSync(join(FORMS, 'manifest.json'), 'utf8')) as Record<string, string>;
  const pdfs = Object.entries(manifest).filter(([, source]) => /^examples\/|seeds\//.test(source));
  for (const [pdf, source] of pdfs) {
    const markdown = readFileSync(join(ROOT, source), 'utf8');
    const bytes = readFileSync(join(FORMS, pdf));
    const [markdownMs, formMs] = await timePair(() => checkText(markdown), () => checkForm(bytes, 'pdf'), 3000);
    rows.push({ form: 'pdf', name: pdf, bytes: bytes.length, markdownMs, formMs, ratio: formMs / markdownMs });
  }
  return rows;
}

void measureRows().then((rows) => process.stdout.write(JSON.stringify(rows)));
