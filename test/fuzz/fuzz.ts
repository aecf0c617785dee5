/**
 * `npm run fuzz`: the robustness properties of test/fuzz/properties.ts with many runs and a
 * random seed. Replay a failure with the seed (and path) it prints:
 *
 *   FUZZ_SEED=123 FUZZ_RUNS=5000 npm run fuzz
 *   FUZZ_SEED=123 FUZZ_PATH=45:2:1 FUZZ_ONLY=core npm run fuzz
 *
 * FUZZ_RUNS (default 1000) is the number of core runs; the CLI gets a twentieth of them and
 * the server a fiftieth (each at least 5); the fast parse is held to remark-gfm's on ten times
 * as many table-dense texts. FUZZ_ONLY picks one part: parse, core, cli, server, huge, hostile
 * (the CLI on random hostile workspaces, a tenth of FUZZ_RUNS: symbolic links, loops, FIFOs,
 * /dev/zero, directories named *.md, unreadable folders, files above the cap, bad globs;
 * test/fuzz/hostile.ts), importer (random Word files and web pages built from zip bombs, lying
 * sizes, deep nesting, many rows and text that looks like markup, a twentieth of FUZZ_RUNS each;
 * test/fuzz/importer.ts).
 * Needs dist/ (the script builds it first).
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { TestClient, PULL_CAPABILITIES } from '../unit/lsp-client.js';
import { checkHostile, hostileCaseArb } from './hostile.js';
import { checkPageImport, checkWordImport, pageCaseArb, wordCaseArb } from './importer.js';
import { checkParseAgreement, tableishMarkdownArb } from './parse-agreement.js';
import { checkCli, checkCore, checkServerDocument, cliFilesArb, documentArb, hugeCases, stopServer } from './properties.js';

const runs = Number(process.env['FUZZ_RUNS'] ?? 1000);
const seed = process.env['FUZZ_SEED'] !== undefined ? Number(process.env['FUZZ_SEED']) : Math.floor(Math.random() * 2 ** 31);
const path = process.env['FUZZ_PATH'];
const only = process.env['FUZZ_ONLY'];

function parameters(numRuns: number): fc.Parameters<unknown> {
  return { seed, numRuns, ...(path !== undefined ? { path } : {}) };
}

/**
 * Runs a property; on failure prints the error, the replay settings and where the shrunk
 * counterexample was saved (JSON, so NUL and lone surrogates survive), then throws.
 */
async function check<T extends unknown[]>(name: string, property: fc.IProperty<T> | fc.IAsyncProperty<T>, numRuns: number): Promise<void> {
  const details = await fc.check(property as fc.IAsyncProperty<T>, parameters(numRuns));
  if (!details.failed) return;
  const file = join(tmpdir(), `nianbao-fuzz-${name}-${seed}.json`);
  writeFileSync(file, JSON.stringify(details.counterexample, null, 2));
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  throw new Error(
    `${name}: property failed after ${details.numRuns} runs (shrunk ${details.numShrinks} times)\n${error}\n` +
      `counterexample saved to ${file}\nreplay: FUZZ_SEED=${seed} FUZZ_PATH=${details.counterexamplePath ?? ''} FUZZ_ONLY=${name} npm run fuzz`,
  );
}

async function part(name: string, work: () => Promise<void> | void): Promise<void> {
  if (only !== undefined && only !== name) return;
  const start = performance.now();
  process.stdout.write(`${name}: `);
  await work();
  process.stdout.write(`ok (${((performance.now() - start) / 1000).toFixed(1)} s)\n`);
}

async function main(): Promise<void> {
  console.log(`fuzz: FUZZ_SEED=${seed} FUZZ_RUNS=${runs}${only ? ` FUZZ_ONLY=${only}` : ''}`);
  await part('parse', () => {
    return check('parse', fc.property(fc.oneof(tableishMarkdownArb, documentArb), (text) => void checkParseAgreement(text)), runs * 10);
  });
  await part('core', () => {
    return check('core', fc.property(documentArb, (text) => checkCore(text)), runs);
  });
  await part('cli', () => {
    return check('cli', fc.property(cliFilesArb, fc.boolean(), (files, fix) => checkCli(files, { fix })), Math.max(5, Math.round(runs / 20)));
  });
  await part('hostile', () => {
    return check('hostile', fc.property(hostileCaseArb, (testCase) => checkHostile(testCase)), Math.max(5, Math.round(runs / 10)));
  });
  await part('importer', async () => {
    await check('importer', fc.asyncProperty(wordCaseArb, (c) => checkWordImport(c)), Math.max(5, Math.round(runs / 20)));
    await check('importer', fc.asyncProperty(pageCaseArb, (c) => checkPageImport(c)), Math.max(5, Math.round(runs / 20)));
  });
  await part('server', async () => {
    const client = TestClient.stdio();
    try {
      await client.initialize(PULL_CAPABILITIES);
      await check('server', fc.asyncProperty(documentArb, (text) => checkServerDocument(client, text)), Math.max(5, Math.round(runs / 50)));
    } finally {
      await stopServer(client);
    }
  });
  await part('huge', async () => {
    const cases = hugeCases();
    for (const huge of cases) {
      const start = performance.now();
      checkCore(huge.text, { bound: huge.bound });
      process.stdout.write(`\n  core, ${huge.name}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
    }
    const start = performance.now();
    checkCli(cases.map((huge) => ({ text: huge.text })), { fix: true });
    process.stdout.write(`\n  CLI, all of them with --fix: ${((performance.now() - start) / 1000).toFixed(1)} s`);
    const client = TestClient.stdio();
    try {
      await client.initialize(PULL_CAPABILITIES);
      for (const huge of cases) {
        const start = performance.now();
        await checkServerDocument(client, huge.text);
        process.stdout.write(`\n  server, ${huge.name}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
      }
    } finally {
      await stopServer(client);
    }
    process.stdout.write('\n');
  });
}

main().catch((error: unknown) => {
  console.error(`\n${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
