/**
 * The CLI's commands besides `check` (which main.ts runs itself): each in a file of its own,
 * taking its arguments after the command name and returning the exit status.
 */
import { exportCommand } from './export.js';
import { importCommand } from './import.js';
import { nextCommand } from './next.js';

/** Where a command writes: its output and its messages. */
export interface CommandIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
}

/** A CLI command: its arguments (after the command name) → exit status. */
export type Command = (argv: readonly string[], io: CommandIo) => Promise<number>;

/** The commands by name. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  import: importCommand,
  export: exportCommand,
  next: nextCommand,
};
