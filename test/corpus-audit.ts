/**
 * The corpus audit (issue 24): every text-rule finding on the real-prose corpus, with its
 * judgment, and the figures per rule. `node --import tsx test/corpus-audit.ts` prints the
 * findings not yet judged (as JSON entries to complete) and the count of right, wrong and
 * undecidable per rule; `--all` prints every finding with its message; `--stubs DIR` writes
 * each excerpt's stub report to DIR (to try them in the CLI or the editor).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusFindings, corpusKey, readCorpus, readJudgments, stubOf } from './unit/corpus.js';

const args = process.argv.slice(2);
const corpus = readCorpus();
const stubs = args.indexOf('--stubs');
if (stubs >= 0) {
  const dir = args[stubs + 1]!;
  mkdirSync(dir, { recursive: true });
  for (const excerpt of corpus) writeFileSync(join(dir, `${excerpt.id}.md`), stubOf(excerpt).text);
  console.log(`${corpus.length} stubs written to ${dir}`);
  process.exit(0);
}
const judgments = new Map(readJudgments().map((j) => [corpusKey(j), j]));
const counts = new Map<string, { right: number; wrong: number; undecidable: number; unjudged: number }>();
const unjudged: object[] = [];
const seen = new Set<string>();
for (const excerpt of corpus) {
  for (const f of corpusFindings(excerpt).findings) {
    const key = corpusKey(f);
    seen.add(key);
    const j = judgments.get(key);
    const c = counts.get(f.rule) ?? { right: 0, wrong: 0, undecidable: 0, unjudged: 0 };
    c[j ? j.verdict : 'unjudged']++;
    counts.set(f.rule, c);
    if (args.includes('--all')) console.log(`${key} (${f.severity}) ${j ? `[${j.verdict}]` : '[unjudged]'}\n    ${f.message}`);
    if (!j) unjudged.push({ id: f.id, rule: f.rule, quote: f.quote, ...(f.nth ? { nth: f.nth } : {}), verdict: '?', why: f.message, severity: f.severity });
  }
}
if (unjudged.length > 0) console.log(JSON.stringify(unjudged, null, 1));
const stale = [...judgments.values()].filter((j) => !seen.has(corpusKey(j)));
for (const j of stale) console.log(`not found (${j.verdict}): ${corpusKey(j)}`);
console.log('rule                 right wrong undecidable unjudged precision');
for (const [rule, c] of [...counts].sort()) {
  const p = c.right + c.wrong > 0 ? ((100 * c.right) / (c.right + c.wrong)).toFixed(1) + '%' : '—';
  console.log(`${rule.padEnd(20)} ${String(c.right).padStart(5)} ${String(c.wrong).padStart(5)} ${String(c.undecidable).padStart(11)} ${String(c.unjudged).padStart(8)} ${p.padStart(9)}`);
}
const bodies = new Set(corpus.map((e) => e.body));
console.log(`${corpus.length} excerpts, ${bodies.size} bodies, years ${[...new Set(corpus.map((e) => e.year))].sort().join(' ')}, levels ${[...new Set(corpus.map((e) => e.level))].join(' ')}`);
