/**
 * What the bounded robustness tests share: the fixed seed and the regression inputs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sample } from '../fuzz/properties.js';
import { FIXTURES } from './helpers.js';

/** Fixed, so a failure here replays as it is; `npm run fuzz` draws a new seed every run. */
export const SEED = 20_261_121;

/**
 * Runs of the slow properties in `npm test` (issue 19: `npm test` within 2 minutes on 2 cores).
 * `npm run fuzz` runs the same properties 1,000 times and more with a random seed, and replays
 * the counts `npm test` had before with this seed: `FUZZ_SEED=20261121 FUZZ_RUNS=150
 * FUZZ_ONLY=core npm run fuzz` (core, 150 runs), `FUZZ_RUNS=400 FUZZ_ONLY=cli` (the CLI, 20 runs).
 */
export const PROPERTY_RUNS = { core: 50, cli: 8, server: 6, tableParse: 1000, documentParse: 50 } as const;

const REGRESSIONS = join(FIXTURES, 'regressions');

/** A `.json` regression input: the text itself (for what a UTF-8 file cannot hold), or a repetition (for a huge one). */
type JsonInput = { readonly text: string } | { readonly prefix?: string; readonly repeat: string; readonly times: number; readonly suffix?: string };

/** The regression inputs: `.md` files as they are (a BOM included), `.json` files as {@link JsonInput}. */
export function regressions(): Sample[] {
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
