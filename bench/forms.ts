/**
 * Reports as they arrive (issue 22; part of `npm run bench`, alone: `node --import tsx bench/bench.ts --only=forms`):
 *
 * - in process, each form of a report checked as the CLI checks it (read into its draft, then
 *   checked, findings placed in the source's terms) against checking its Markdown source: a Word
 *   file and a GB18030 saved page made from each example and seed (test/forms/make.ts; goal ≤ 3×),
 *   and the committed PDFs printed from them (test/fixtures/forms; goal ≤ 10×);
 * - the CLI on 200 mixed files (Markdown, pasted text, Word files, pages, PDFs), wall time with
 *   its worker threads on all cores.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { formSources } from './forms-sources.js';
import { docxOfBlocks, draftBlocks, gb18030, pageOfBlocks } from '../test/forms/make.js';

const ROOT = join(__dirname, '..');
const FORMS = join(ROOT, 'test', 'fixtures', 'forms');

/** One form of one report, timed against its Markdown. */
export interface FormRow {
  readonly form: 'docx' | 'html' | 'pdf';
  readonly name: string;
  readonly bytes: number;
  readonly markdownMs: number;
  readonly formMs: number;
  readonly ratio: number;
}

/** The forms' figures. */
export interface FormsFigure {
  readonly rows: readonly FormRow[];
  /** The median ratio per form. */
  readonly ratios: Readonly<Record<'docx' | 'html' | 'pdf', number>>;
  readonly cli: { readonly files: number; readonly seconds: number; readonly jobs: number; readonly mix: string };
}

/** The in-process rows (from a bundle of forms-measure.ts) and the CLI batch. */
export async function benchForms(): Promise<FormsFigure> {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-measure-'));
  let rows: FormRow[];
  try {
    const bundle = join(dir, 'measure.js');
    await build({
      entryPoints: [join(ROOT, 'bench', 'forms-measure.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: bundle,
      logLevel: 'warning',
      // pdfjs from node_modules, as tsx loads it; jsonc-parser's ESM build, as scripts/build.mjs bundles it.
      external: ['pdfjs-dist'],
      alias: { 'jsonc-parser': join(ROOT, 'node_modules', 'jsonc-parser', 'lib', 'esm', 'main.js') },
      nodePaths: [join(ROOT, 'node_modules')],
    });
    const run = spawnSync(process.execPath, [bundle, ROOT], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') } });
    if (run.status !== 0) throw new Error(`the measurement failed: ${run.stderr.slice(0, 2000)}`);
    rows = JSON.parse(run.stdout) as FormRow[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // The median over the files: one file slowed by the machine's other work moves it least.
  const median = (form: FormRow['form']): number => {
    const of = rows.filter((r) => r.form === form).map((r) => r.ratio).sort((a, b) => a - b);
    return of.length === 0 ? NaN : of.length % 2 ? of[(of.length - 1) / 2]! : (of[of.length / 2 - 1]! + of[of.length / 2]!) / 2;
  };
  const made = await Promise.all(
    formSources(ROOT).flatMap(({ name, markdown }) => {
      const blocks = draftBlocks(markdown)!;
      return [docxOfBlocks(blocks).then((bytes) => ({ name, form: 'docx' as const, bytes })), Promise.resolve({ name, form: 'html' as const, bytes: gb18030(pageOfBlocks(blocks)) })];
    }),
  );
  const manifest = JSON.parse(readFileSync(join(FORMS, 'manifest.json'), 'utf8')) as Record<string, string>;
  const pdfs = Object.keys(manifest).filter((pdf) => /^examples\/|seeds\//.test(manifest[pdf]!));
  return { rows, ratios: { docx: median('docx'), html: median('html'), pdf: median('pdf') }, cli: cliMixed(made, pdfs) };
}

/** The CLI on 200 files, 40 of each form, best of two runs. */
function cliMixed(made: readonly { name: string; form: 'docx' | 'html'; bytes: Buffer }[], pdfs: readonly string[]): FormsFigure['cli'] {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-forms-'));
  try {
    const markdown = formSources(ROOT);
    for (let i = 0; i < 40; i++) {
      const source = markdown[i % markdown.length]!;
      writeFileSync(join(dir, `${i}.md`), source.markdown);
      writeFileSync(join(dir, `${i}.txt`), source.markdown.replace(/^#+ /gm, ''));
      const docx = made.filter((m) => m.form === 'docx')[i % markdown.length]!;
      writeFileSync(join(dir, `${i}.docx`), docx.bytes);
      const page = made.filter((m) => m.form === 'html')[i % markdown.length]!;
      writeFileSync(join(dir, `${i}.html`), page.bytes);
      copyFileSync(join(FORMS, pdfs[i % pdfs.length]!), join(dir, `${i}.pdf`));
    }
    let best = Infinity;
    for (let run = 0; run < 2; run++) {
      const start = performance.now();
      const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'nianbao.js'), 'check', '--format', 'json', dir], { encoding: 'utf8', maxBuffer: 1 << 30 });
      if (result.status === null || result.status > 1) throw new Error(`the CLI failed (${result.status}): ${result.stderr.slice(0, 2000)}`);
      best = Math.min(best, (performance.now() - start) / 1000);
    }
    return { files: 200, seconds: best, jobs: availableParallelism(), mix: '40 each: .md, .txt, .docx, .html (GB18030), .pdf' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
