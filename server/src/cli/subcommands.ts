/**
 * The CLI's commands besides `check` (which main.ts runs itself): each in a file of its own,
 * taking its arguments after the command name and returning the exit status.
 */
import { exportCommand } from './export.js';
import { importCommand } from './import.js';
import { nextCommand } from './next.js';
import type { Command } from './command.js';

/** The commands by name. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  import: importCommand,
  export: exportCommand,
  next: nextCommand,
};
