/**
 * The CLI's commands by name, each in a file of its own, taking its arguments after the command
 * name and returning the exit status.
 */
import { checkCommand } from './check.js';
import type { Command, CommandName } from './command.js';
import { exportCommand } from './export.js';
import { importCommand } from './import.js';
import { nextCommand } from './next.js';

/** The commands by name. */
export const COMMANDS: Readonly<Record<CommandName, Command>> = {
  check: checkCommand,
  import: importCommand,
  export: exportCommand,
  next: nextCommand,
};
