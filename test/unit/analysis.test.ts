/**
 * The language server's analysis cache (server/src/server/analysis.ts), tested directly: one
 * analysis per document version, text and settings; one computation for concurrent requests of
 * the same text (pending reuse); an analysis that started before a newer one and ends after it
 * is not cached over it (stale start); an analysis running while its document is forgotten is
 * not cached (epochs); the least recently used analysis is dropped past the cache size; the
 * options of the check are stored with it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { OtherReport, Report } from '../../server/src/core/index.js';
import { ANALYSIS_CACHE_SIZE, Analyses } from '../../server/src/server/analysis.js';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/server/settings.js';
import { FIXTURES } from './helpers.js';

const TEXT = readFileSync(join(FIXTURES, 'seeds', 'seed-004-xigang-2022.md'), 'utf8');
const URI = 'file:///cache/report.md';

/** A previousOf that waits until released, counting its calls: the analysis is pending meanwhile. */
function gate(): { previousOf: (report: Report) => Promise<OtherReport | undefined>; release: () => void; calls: () => number } {
  let calls = 0;
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return {
    previousOf: async () => {
      calls++;
      await opened;
      return undefined;
    },
    release: () => open(),
    calls: () => calls,
  };
}

describe('the analysis cache', () => {
  it('reuses the analysis of the same version, text and settings, and analyses anew when one changes', async () => {
    const analyses = new Analyses();
    const first = await analyses.analyse(URI, 1, TEXT, DEFAULT_SETTINGS, []);
    assert.equal(await analyses.analyse(URI, 1, TEXT, DEFAULT_SETTINGS, []), first);
    assert.notEqual(await analyses.analyse(URI, 2, TEXT, DEFAULT_SETTINGS, []), first, 'another version');
    const other = await analyses.analyse(URI, 2, TEXT.replace('2022', '2021'), DEFAULT_SETTINGS, []);
    assert.notEqual(other.text, TEXT, 'another text under the same version');
    const settings: Settings = { ...DEFAULT_SETTINGS, rules: { 'vague-figure': 'off' } };
    const off = await analyses.analyse(URI, 2, other.text, settings, []);
    assert.notEqual(off, other, 'other settings');
    assert.deepEqual(off.options, { rules: { 'vague-figure': 'off' } }, 'the options of the check are stored with it');
    assert.ok(!off.result.findings.some((f) => f.rule === 'vague-figure'));
  });

  it('answers concurrent requests for the same text with one pending analysis', async () => {
    const analyses = new Analyses();
    const previous = gate();
    const a = analyses.analyse(URI, 1, TEXT, DEFAULT_SETTINGS, [], previous.previousOf);
    const b = analyses.analyse(URI, 1, TEXT, DEFAULT_SETTINGS, [], previous.previousOf);
    previous.release();
    assert.equal(await a, await b, 'one analysis for both');
    assert.equal(previous.calls(), 1, 'last year’s report looked up once');
    assert.equal(analyses.get(URI), await a);
  });

  it('does not cache an analysis that started before the cached one and ended after it (stale start)', async () => {
    const analyses = new Analyses();
    const slow = gate();
    const older = analyses.analyse(URI, 1, TEXT, DEFAULT_SETTINGS, [], slow.previousOf);
    const newer = await analyses.analyse(URI, 2, `${TEXT}\n`, DEFAULT_SETTINGS, []);
    assert.equal(analyses.get(URI), newer);
    slow.release();
    const late = await older;
    assert.equal(late.version, 1, 'the caller still gets its answer');
    assert.equal(analyses.get(URI), newer, 'but the newer analysis stays cached');
  });

  it('does not cache an analysis of a document forgotten while it ran (epochs), nor after clear()', async () => {
    const analyses = new Analyses();
    const slow = gate();
    const running = analyses.analyse(URI, 1, TEXT, DEFAULT_SETTINGS, [], slow.previousOf);
    analyses.delete(URI);
    slow.release();
    await running;
    assert.equal(analyses.get(URI), undefined);
    const again = gate();
    const second = analyses.analyse(URI, 1, TEXT, DEFAULT_SETTINGS, [], again.previousOf);
    assert.equal(again.calls(), 1, 'a forgotten pending analysis is not reused: the document is analysed anew');
    analyses.clear();
    again.release();
    await second;
    assert.equal(analyses.get(URI), undefined);
    const fresh = await analyses.analyse(URI, 1, TEXT, DEFAULT_SETTINGS, []);
    assert.equal(analyses.get(URI), fresh, 'a new analysis after clear() is cached');
  });

  it('keeps the most recently used analyses only', async () => {
    const analyses = new Analyses();
    const short = '# 某某县人民政府2021年政府信息公开工作年度报告\n';
    for (let i = 0; i <= ANALYSIS_CACHE_SIZE; i++) await analyses.analyse(`file:///cache/${i}.md`, 1, short, DEFAULT_SETTINGS, []);
    assert.equal(analyses.get('file:///cache/0.md'), undefined, 'the least recently used is dropped');
    assert.ok(analyses.get(`file:///cache/${ANALYSIS_CACHE_SIZE}.md`));
    assert.equal(analyses.all().length, ANALYSIS_CACHE_SIZE);
  });

  it('names the documents checked against a report as last year’s (dependents)', async () => {
    const analyses = new Analyses();
    const last: OtherReport = { file: 'last.md', uri: 'file:///cache/last.md', report: (await analyses.analyse('file:///cache/last.md', 1, TEXT, DEFAULT_SETTINGS, [])).result.report };
    await analyses.analyse(URI, 1, TEXT, DEFAULT_SETTINGS, [], () => last);
    assert.deepEqual(analyses.dependentsOf('file:///cache/last.md'), [URI]);
    assert.equal(analyses.get(URI)!.options.previous, last);
  });
});
