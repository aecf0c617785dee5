/**
 * The entry of the bundled CLI (dist/cli.js, bin/nianbao.js): `nianbao <command> …` runs the
 * command of that name (commands.ts); in a worker thread of `nianbao check` (parallel.ts) it
 * checks the files it is given instead.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { forTerminal } from '../shell/terminal-text.js';
import { runCheck, readStandardInput } from './check.js';
import { checkFiles } from './check-files.js';
import type { CommandIo } from './command.js';
import { COMMANDS } from './commands.js';
import type { WorkerInput } from './parallel.js';

/** Runs the CLI and returns its exit status. */
export function run(argv: readonly string[], io: CommandIo): Promise<number> {
  const name = argv[0];
  if (name !== undefined && Object.hasOwn(COMMANDS, name)) return COMMANDS[name as keyof typeof COMMANDS](argv.slice(1), io);
  // No command first: options before `check`, `--help`, or no or an unknown command, which the check's parser names.
  return runCheck(argv, io);
}

if (isMainThread) {
  const color = Boolean(process.stdout.isTTY) && !process.env['NO_COLOR'];
  // Messages quote files (names, labels, a zip entry): none reaches the terminal with its control characters.
  const io: CommandIo = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(forTerminal(s)), color, stdin: readStandardInput };
  run(process.argv.slice(2), io).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`nianbao: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exitCode = 2;
    },
  );
} else {
  const input = workerData as WorkerInput;
  void checkFiles(input.tasks, input.options).then((outcomes) => parentPort!.postMessage(outcomes));
}
