/** The Markdown reports the forms are made of: the examples and seeds a Word file can express (bench/forms.ts). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { draftBlocks } from '../test/forms/make.js';

export function formSources(root: string): { name: string; markdown: string }[] {
  const out: { name: string; markdown: string }[] = [];
  for (const f of readdirSync(join(root, 'examples')).filter((f) => /^\d{4}-.*\.md$/.test(f)).sort()) out.push({ name: f, markdown: readFileSync(join(root, 'examples', f), 'utf8') });
  for (const f of readdirSync(join(root, 'test', 'fixtures', 'seeds')).filter((f) => /^seed-.*\.md$/.test(f)).sort()) {
    out.push({ name: f, markdown: readFileSync(join(root, 'test', 'fixtures', 'seeds', f), 'utf8') });
  }
  return out.filter((s) => draftBlocks(s.markdown) !== undefined);
}
