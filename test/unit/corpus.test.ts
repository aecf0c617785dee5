/**
 * Precision on real prose (issue 24): every text-rule finding on the corpus of published report
 * excerpts (`test/fixtures/corpus/`) is judged in `judgments.json` by a careful reader of the
 * excerpt. A finding without a judgment, a finding judged wrong, or a finding judged right that is
 * no longer made fails; so does a real error of `real-errors.json` that is not found. A finding
 * judged wrong stays in the file after the fix, as the guard that it does not come back; one judged
 * undecidable stays as the record of a case the rules may leave alone.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { corpusFindings, corpusKey, fullWidth, LEVELS, readCorpus, readJudgments, readRealErrors, type CorpusFinding, type Judgment } from './corpus.js';

const corpus = readCorpus();
const judgments = readJudgments();
const byKey = new Map(judgments.map((j) => [corpusKey(j), j]));
const findings = new Map(corpus.map((e) => [e.id, corpusFindings(e).findings]));
const all: CorpusFinding[] = [...findings.values()].flat();
const made = new Set(all.map(corpusKey));

describe('the real-prose corpus', () => {
  it('holds at least 200 excerpts from at least 100 bodies, every year 2019–2025 and every level', () => {
    assert.ok(corpus.length >= 200, `${corpus.length} excerpts`);
    assert.ok(new Set(corpus.map((e) => e.body)).size >= 100);
    for (let year = 2019; year <= 2025; year++) assert.ok(corpus.some((e) => e.year === year), `no excerpt of ${year}`);
    for (const level of LEVELS) assert.ok(corpus.some((e) => e.level === level), `no excerpt of level ${level}`);
    assert.equal(new Set(corpus.map((e) => e.id)).size, corpus.length, 'ids are unique');
  });

  it('gives every excerpt its source address and some text', () => {
    for (const e of corpus) {
      assert.match(e.url, /^https?:\/\/\S+$/, e.id);
      assert.ok(e.paragraphs.length > 0 && e.paragraphs.join('').length >= 40, `${e.id} has no text`);
    }
  });

  it('has a judgment for every finding of a text rule, and none of them is wrong', () => {
    const unjudged = all.filter((f) => !byKey.has(corpusKey(f))).map((f) => `${corpusKey(f)}: ${f.message}`);
    assert.deepEqual(unjudged, [], 'findings nobody judged (run test/corpus-audit.ts)');
    const wrong = all.filter((f) => byKey.get(corpusKey(f))?.verdict === 'wrong').map((f) => `${corpusKey(f)}: ${byKey.get(corpusKey(f))!.why}`);
    assert.deepEqual(wrong, [], 'findings judged wrong');
  });

  it('still makes every finding judged right', () => {
    const lost = judgments.filter((j) => j.verdict === 'right' && !made.has(corpusKey(j))).map(corpusKey);
    assert.deepEqual(lost, [], 'findings judged right are no longer made (judge the new wording, or say why they went)');
  });

  it('finds every real error listed in real-errors.json', () => {
    const errors = readRealErrors();
    assert.ok(errors.length >= 5);
    for (const e of errors) {
      assert.ok(findings.get(e.id)?.some((f) => f.rule === e.rule && f.quote === e.quote), `${e.id} ${e.rule} «${e.quote}» not found: ${e.why}`);
      assert.equal(byKey.get(corpusKey({ ...e, nth: 0 }))?.verdict, 'right', `${e.id} ${e.rule} «${e.quote}» is listed as a real error but not judged right`);
    }
  });

  it('is at least 97 % precise for every text rule (right ÷ (right + wrong))', () => {
    const counts = new Map<string, { right: number; wrong: number }>();
    for (const f of all) {
      const j: Judgment | undefined = byKey.get(corpusKey(f));
      const c = counts.get(f.rule) ?? { right: 0, wrong: 0 };
      if (j?.verdict === 'right') c.right++;
      else if (j?.verdict === 'wrong' || !j) c.wrong++;
      counts.set(f.rule, c);
    }
    for (const [rule, c] of counts) assert.ok(c.right / (c.right + c.wrong || 1) >= 0.97, `${rule}: ${c.right} right, ${c.wrong} wrong`);
  });

  it('reads the full-width punctuation of a Word draft as it reads the stored half-width form', () => {
    const differ: string[] = [];
    for (const e of corpus) {
      const key = (f: CorpusFinding): string => `${f.rule} ${f.severity} ${f.start}-${f.end}`;
      const half = findings.get(e.id)!.map(key).sort();
      const full = corpusFindings(e, fullWidth(e.paragraphs)).findings.map(key).sort();
      if (JSON.stringify(half) !== JSON.stringify(full)) differ.push(`${e.id}: ${half.join('; ')} ≠ ${full.join('; ')}`);
    }
    assert.deepEqual(differ, []);
  });
});
