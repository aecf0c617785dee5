/**
 * The regression fixtures (test/fixtures/regressions): inputs that once crashed, hung or
 * corrupted a text, each through the core, all of them through the CLI with --fix, and each
 * through the server, under the robustness properties of test/fuzz/properties.ts.
 *
 * Needs dist/ (the CLI and the server run as built; `npm test` builds first).
 */
import { describe, it } from 'node:test';
import { checkCli, checkCore, checkServerDocument, stopServer } from '../fuzz/properties.js';
import { PULL_CAPABILITIES, TestClient } from './lsp-client.js';
import { regressions } from './robustness-inputs.js';

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
