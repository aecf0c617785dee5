/**
 * Text from a file made safe to print (issue 18): a zip entry name with terminal escape codes,
 * echoed raw in an error, could clear or recolour the terminal, or hide what came before it.
 * C0 controls but tab and line feed, DEL, C1 controls and the bidirectional overrides are shown
 * as `\u{…}` escapes instead; everything else is printed as it is.
 */

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every control character written as a visible `\u{…}` escape. */
export function forTerminal(text: string): string {
  return text.replace(CONTROL, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}

/**
 * A file's text printed as data (a diff, a fixed draft): unchanged for a pipe or a file, where
 * the bytes matter; {@link forTerminal} when standard output is a terminal.
 */
export function dataForStdout(text: string): string {
  return stdoutIsTerminal() ? forTerminal(text) : text;
}

/** Whether Node's standard output is a terminal (no `process` in a browser, where this module is bundled for its `forTerminal`). */
function stdoutIsTerminal(): boolean {
  return (globalThis as { process?: { stdout?: { isTTY?: boolean } } }).process?.stdout?.isTTY === true;
}
