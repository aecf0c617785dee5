/**
 * The workspace of the web tests, a fresh temporary folder per run (the web build writes to the
 * browser's memory only, never to it): the end-to-end workspace (test/e2e/workspace.ts: the seed
 * reports with their expectations, an ordinary Markdown file, Chinese messages, no auto-save),
 * and what only the browser host reaches through the client: last year's report of a real body
 * (the carry-over it gets wrong), a folder with a `.nianbaorc.json`, Word files to import.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareWorkspace, ROOT, type Workspace } from '../e2e/workspace.js';

const FIXTURES = join(ROOT, 'test', 'fixtures');

/** 表三 四、结转下年度继续办理 of the 2023 report, as published and as the test's copy says it (3 carried over). */
export const CARRIED = {
  published: '| 四、结转下年度继续办理 |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |',
  wrong: '| 四、结转下年度继续办理 |  |  | 3 | 0 | 0 | 0 | 0 | 0 | 3 |',
};

/** Creates the workspace under `parent`. */
export function prepareWebWorkspace(parent: string): Workspace {
  const workspace = prepareWorkspace(parent);
  const real = (name: string): string => readFileSync(join(FIXTURES, 'real', `${name}.md`), 'utf8');
  const dir = workspace.dir;
  mkdirSync(join(dir, 'reports', '2023'), { recursive: true });
  writeFileSync(join(dir, 'reports', 'hongze-2024.md'), real('2024_huaian-hongzequ'));
  writeFileSync(join(dir, 'reports', '2023', 'hongze.md'), real('2023_huaian-hongzequ').replace(CARRIED.published, CARRIED.wrong));
  mkdirSync(join(dir, 'units'));
  const doubled = readFileSync(join(FIXTURES, 'rules', 'doubled-word', 'wrong-word.md'), 'utf8');
  writeFileSync(join(dir, 'units', '.nianbaorc.json'), '{\n  // 这个文件夹中的报告不查叠词\n  "rules": { "doubled-word": "off" }\n}\n');
  writeFileSync(join(dir, 'units', 'doubled.md'), doubled);
  writeFileSync(join(dir, 'doubled.md'), doubled);
  mkdirSync(join(dir, 'word'));
  for (const name of ['html-mammoth-errors-2021.docx', 'html-mammoth-2021.docx']) copyFileSync(join(FIXTURES, 'html', 'sources', name), join(dir, 'word', name));
  writeFileSync(join(dir, 'word', 'pasted-seed-000.md'), readFileSync(join(FIXTURES, 'pasted', 'seed-000-luhu-2020.txt'), 'utf8'));
  return workspace;
}
