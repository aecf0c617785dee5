/**
 * Robustness, bounded: the core and server properties of test/fuzz/properties.ts with a fixed
 * seed and few runs, the huge inputs once each, and malformed messages to the server (the CLI's
 * property: robustness-cli.test.ts; the regression fixtures: regressions.test.ts). `npm run fuzz`
 * runs the same properties with many runs and a random seed.
 *
 * Needs dist/ (the CLI and the server run as built; `npm test` builds first).
 */
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import {
  checkCore,
  checkMalformedMessages,
  checkServerDocument,
  documentArb,
  hugeCases,
  mutate,
  SEEDS,
  stopServer,
} from '../fuzz/properties.js';
import { checkPageImport, checkWordImport, pageCaseArb, wordCaseArb } from '../fuzz/importer.js';
import { PULL_CAPABILITIES, TestClient } from './lsp-client.js';
import { PROPERTY_RUNS, SEED } from './robustness-inputs.js';

describe('robustness: importer (issue 18)', () => {
  it('random Word files and web pages of hostile pieces: bounded, no throw, text carried as text', { timeout: 120_000 }, async () => {
    await fc.assert(fc.asyncProperty(wordCaseArb, (c) => checkWordImport(c)), { seed: SEED, numRuns: 25 });
    await fc.assert(fc.asyncProperty(pageCaseArb, (c) => checkPageImport(c)), { seed: SEED, numRuns: 25 });
  });
});

describe('robustness: core', () => {
  it('mutated seeds and random Markdown: no throw, no rule failure, ranges inside, fixes apply, fix-all idempotent', () => {
    fc.assert(fc.property(documentArb, (text) => checkCore(text)), { seed: SEED, numRuns: PROPERTY_RUNS.core });
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
    await fc.assert(fc.asyncProperty(documentArb, (text) => checkServerDocument(client, text)), { seed: SEED, numRuns: PROPERTY_RUNS.server });
  });

  it('survives malformed messages and requests for unknown documents', async () => {
    const uri = 'file:///robustness/known.md';
    await client.open(uri, SEEDS[0]!.text);
    await checkMalformedMessages(client, uri);
    await client.close(uri);
  });
});
