/**
 * A fresh workspace per run, in a temporary folder, so fixes and saves never touch the
 * repository's fixtures: the seed reports with their expectations, an ordinary Markdown file, and
 * workspace settings without auto-save.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
export const SEEDS_DIR = join(ROOT, 'test', 'fixtures', 'seeds');

export const NOTES_MD = `# 周例会纪要

时间：2024年3月5日

## 议题

1. 年度报告的编写分工
2. 网站栏目调整

| 事项 | 负责人 |
| --- | --- |
| 年报初稿 | 张三 |
`;

export interface Workspace {
  readonly dir: string;
  readonly seeds: string[];
}

/** Creates `<parent>/nianbao-e2e-ws-XXXX` with `seeds/`, `notes.md`, `scratch/`, `.vscode/settings.json`. */
export function prepareWorkspace(parent = tmpdir(), settings: Record<string, unknown> = {}): Workspace {
  const dir = mkdtempSync(join(parent, 'nianbao-e2e-ws-'));
  mkdirSync(join(dir, 'seeds'));
  mkdirSync(join(dir, 'scratch'));
  mkdirSync(join(dir, '.vscode'));
  const seeds: string[] = [];
  for (const name of readdirSync(SEEDS_DIR).sort()) {
    if (!/\.(md|expect\.json)$/.test(name) || name === 'EXPECTED.md') continue;
    copyFileSync(join(SEEDS_DIR, name), join(dir, 'seeds', name));
    if (name.endsWith('.md')) seeds.push(name);
  }
  writeFileSync(join(dir, 'notes.md'), NOTES_MD);
  // No auto-save (VS Code for the Web saves after a delay by default), so that only the tests save,
  // explicitly. nianbao.locale is left at its default (zh-CN): the messages are Chinese in an
  // English VS Code, which is what the tests check (issue 20).
  const all = { 'files.autoSave': 'off', ...settings };
  writeFileSync(join(dir, '.vscode', 'settings.json'), `${JSON.stringify(all, null, 2)}\n`);
  return { dir, seeds };
}
