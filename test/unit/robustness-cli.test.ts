/**
 * Robustness of the CLI, bounded: the CLI property of test/fuzz/properties.ts with a fixed seed
 * and few runs (`npm run fuzz` runs it with many and a random seed). In a file of its own so
 * that the test runner runs it beside the other robustness tests.
 *
 * Needs dist/ (the CLI runs as built; `npm test` builds first).
 */
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkCli, cliFilesArb } from '../fuzz/properties.js';
import { PROPERTY_RUNS, SEED } from './robustness-inputs.js';

describe('robustness: CLI', () => {
  it('check --format json (and --fix) on generated files: exit 0/1/2, valid JSON, 2 exactly for files not UTF-8', () => {
    fc.assert(fc.property(cliFilesArb, fc.boolean(), (files, fix) => checkCli(files, { fix })), { seed: SEED, numRuns: PROPERTY_RUNS.cli });
  });
});
