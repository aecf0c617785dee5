/**
 * What a CLI command is: its arguments (after the command name) in, its exit status out, and
 * where it writes. Every command file implements it; the command table imports them all.
 */

/** Where a command writes (its output and its messages) and what else it may read. */
export interface CommandIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  /** Whether standard output is a terminal that shows colours (the check's stylish report). */
  readonly color?: boolean;
  /** Standard input, whole, or its first `limit` + 1 bytes when it is longer (`check --stdin`). */
  readonly stdin?: (limit: number) => Promise<Buffer>;
}

/** A CLI command: its arguments (after the command name) → exit status. */
export type Command = (argv: readonly string[], io: CommandIo) => Promise<number>;

/** The command names, in the order the help and the messages list them. */
export const COMMAND_NAMES = ['check', 'import', 'export', 'next'] as const;

/** One of {@link COMMAND_NAMES}. */
export type CommandName = (typeof COMMAND_NAMES)[number];
