/**
 * What a CLI command is: its arguments (after the command name) in, its exit status out, and
 * where it writes. Every command file implements it; the command table imports them all.
 */

/** Where a command writes: its output and its messages. */
export interface CommandIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
}

/** A CLI command: its arguments (after the command name) → exit status. */
export type Command = (argv: readonly string[], io: CommandIo) => Promise<number>;
