/**
 * Robustness, bounded: the properties of test/fuzz/properties.ts with a fixed seed and few
 * runs, the huge inputs once each, the regression fixtures, and malformed messages to the
 * server. `npm run fuzz` runs the same properties with many runs and a random seed.
 *
 * Needs dist/ (the CLI and the server run as built; `npm test` builds first).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import {
  checkCli,
  checkCore,
  checkMalformedMessages,
  checkServerDocument,
  cliFilesArb,
  documentArb,
  hugeCases,
  mutate,
  SEEDS,
  stopServer,
  type Sample,
} from '../fuzz/properties.js';
import { checkPageImport, checkWordImport, pageCaseArb, wordCaseArb } from '../fuzz/importer.js';
import { PULL_CAPABILITIES, TestClient } from './lsp-client.js';
import { FIXTURES } from './helpers.js';

/** Fixed, so a failure here replays as it is; `npm run fuzz` draws a new seed every run. */
const SEED = 20_261_121;

const REGRESSIONS = join(FIXTURES, 'regressions');


/** A `.json` regression input: the text itself (for what a UTF-8 file cannot hold), or a repetition (for a huge one). */
type JsonInput = { readonly text: string } | { readonly prefix?: string; readonly repeat: string; readonly times: number; readonly suffix?: string };

/** The regression inputs: `.md` files as they are (a BOM included), `.json` files as {@link JsonInput}. */
function regressions(): Sample[] {
  return readdirSync(REGRESSIONS)
    .filter((f) => (f.endsWith('.md') && f !== 'README.md') || f.endsWith('.json'))
    .sort()
    .map((f) => {
      const raw = readFileSync(join(REGRESSIONS, f), 'utf8');
      if (!f.endsWith('.json')) return { name: f, text: raw };
      const input = JSON.parse(raw) as JsonInput;
      return { name: f, text: 'text' in input ? input.text : (input.prefix ?? '') + input.repeat.repeat(input.times) + (input.suffix ?? '') };
    });
}

describe('robustness: importer (issue 18)', () => {
  it('random Word files and web pages of hostile pieces: bounded, no throw, text carried as text', { timeout: 120_000 }, async () => {
    await fc.assert(fc.asyncProperty(wordCaseArb, (c) => checkWordImport(c)), { seed: SEED, numRuns: 25 });
    await fc.assert(fc.asyncProperty(pageCaseArb, (c) => checkPageImport(c)), { seed: SEED, numRuns: 25 });
  });
});

describe('robustness: core', () => {
  it('mutated seeds and random Markdown: no throw, no rule failure, ranges inside, fixes apply, fix-all idempotent', () => {
    fc.assert(fc.property(documentArb, (text) => checkCore(text)), { seed: SEED, numRuns: 150 });
  });

  it('every seed with CRLF, lone CR, a BOM, NUL and lone surrogates', () => {
    for (const seed of SEEDS) {
      checkCore(mutate(mutate(seed.text, { kind: 'lineEnds', style: 'crlf' }), { kind: 'bom' }));
    }
    const text = SEEDS[0]!.text;
    checkCore(mutate(text, { kind: 'lineEnds', style: 'cr' }));
    checkCore(mutate(text, { kind: 'lineEnds', style: 'mixed' }));
    checkCore(text.replaceAll('申请', '申\0请'));
    checkCore(text.replaceAll('申请', '申\ud800请').replaceAll('公开', '\udc00公开'));
  });

  for (const huge of hugeCases().filter((h) => h.bounded)) {
    it(`huge input: ${huge.name}`, () => {
      checkCore(huge.text, { bound: huge.bound, fixAll: huge.fixAll });
    });
  }
});

describe('robustness: CLI', () => {
  it('check --format json (and --fix) on generated files: exit 0/1/2, valid JSON, 2 exactly for files not UTF-8', () => {
    fc.assert(fc.property(cliFilesArb, fc.boolean(), (files, fix) => checkCli(files, { fix })), { seed: SEED, numRuns: 20 });
  });

});

describe('robustness: server', () => {
  let client: TestClient;
  before(async () => {
    client = TestClient.stdio();
    await client.initialize(PULL_CAPABILITIES);
  });
  after(async () => {
    await stopServer(client);
  });

  it('generated documents: every feature answers, every range inside the document', async () => {
    await fc.assert(fc.asyncProperty(documentArb, (text) => checkServerDocument(client, text)), { seed: SEED, numRuns: 6 });
  });

  it('survives malformed messages and requests for unknown documents', async () => {
    const uri = 'file:///robustness/known.md';
    await client.open(uri, SEEDS[0]!.text);
    await checkMalformedMessages(client, uri);
    await client.close(uri);
  });
});

describe('regression fixtures (test/fixtures/regressions)', () => {
  const samples = regressions();

  for (const sample of samples) {
    it(`core: ${sample.name}`, () => {
      checkCore(sample.text);
    });
  }

  it('CLI: all of them in one run, then --fix', () => {
    // Tighter than for generated files: printing 7,000 findings of one 100,000-character line took 4 s (prose-line-100k.md).
    const files = samples.map((s) => ({ text: s.text }));
    checkCli(files, { fix: true, bound: 1000 + 0.01 * files.reduce((n, f) => n + f.text.length, 0) });
  });

  it('server: each of them', async () => {
    const client = TestClient.stdio();
    try {
      await client.initialize(PULL_CAPABILITIES);
      for (const sample of samples) await checkServerDocument(client, sample.text);
    } finally {
      await stopServer(client);
    }
  });
});
