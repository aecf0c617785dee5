/**
 * Helpers for the end-to-end suite, which runs inside a real VS Code extension host (test-electron
 * or code-server). Every wait is on an event or a bounded poll and fails with what it expected
 * and what it saw; there is no fixed sleep.
 */
import * as vscode from 'vscode';

export const EXTENSION_ID = 'nianbao.nianbao';

/** How long any one wait may take: the first diagnostics come 6–10 s after the server starts. */
export const WAIT_MS = 45_000;

/** The workspace folder the runner prepared (a temporary copy of the seeds). */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the e2e suite needs a workspace folder: run it through test/e2e (see README)');
  return folder.uri;
}

export function workspaceFile(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...segments);
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/** A fresh file in the workspace's scratch folder with the text of `source`, so tests never share edits. */
let scratchCount = 0;
export async function scratchCopy(source: vscode.Uri, name: string): Promise<vscode.Uri> {
  const target = workspaceFile('scratch', `${String(++scratchCount).padStart(2, '0')}-${name}`);
  await writeText(target, await readText(source));
  return target;
}

/**
 * Resolves with the first truthy value `probe` returns, checking now, on each of `events`, and
 * every `pollMs` (bounded polling for what no event announces). Rejects after `timeoutMs` with
 * `describe()` — what was expected and what was seen.
 */
export function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  options: { events?: vscode.Event<unknown>[]; timeoutMs?: number; pollMs?: number; seen?: () => string | Promise<string> } = {},
): Promise<T> {
  const { events = [], timeoutMs = WAIT_MS, pollMs = 100, seen } = options;
  return new Promise<T>((resolve, reject) => {
    let done = false;
    let running = false;
    let again = false;
    const disposables: vscode.Disposable[] = [];
    const finish = (action: () => void): void => {
      if (done) return;
      done = true;
      clearInterval(interval);
      clearTimeout(timer);
      for (const d of disposables) d.dispose();
      action();
    };
    const check = async (): Promise<void> => {
      if (done) return;
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        const value = await probe();
        if (value) finish(() => resolve(value as T));
      } catch (error) {
        finish(() => reject(error));
      } finally {
        running = false;
        if (again && !done) {
          again = false;
          void check();
        }
      }
    };
    for (const event of events) disposables.push(event(() => void check()));
    const interval = setInterval(() => void check(), pollMs);
    const timer = setTimeout(() => {
      void (async () => {
        let detail = '';
        try {
          detail = seen ? await seen() : '';
        } catch (error) {
          detail = `(could not describe: ${String(error)})`;
        }
        finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail ? `\n  seen: ${detail}` : ''}`)));
      })();
    }, timeoutMs);
    void check();
  });
}

/** nianbao's diagnostics of a document. */
export function nianbaoDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'nianbao');
}

export function ruleOf(d: vscode.Diagnostic): string {
  const code = d.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

const SEVERITY = ['error', 'warning', 'info', 'hint'];

/** `line:rule(severity)` with 1-based lines, for messages. */
export function describeDiagnostics(uri: vscode.Uri): string {
  const all = nianbaoDiagnostics(uri);
  if (!all.length) return 'no nianbao diagnostics';
  return all.map((d) => `${d.range.start.line + 1}:${ruleOf(d)}(${SEVERITY[d.severity]})`).join(', ');
}

/** Waits until the diagnostics of `uri` satisfy `test`; returns them. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  what: string,
  test: (diagnostics: vscode.Diagnostic[]) => boolean,
  timeoutMs = WAIT_MS,
): Promise<vscode.Diagnostic[]> {
  return waitFor(
    `${what} in ${vscode.workspace.asRelativePath(uri)}`,
    () => {
      const diagnostics = nianbaoDiagnostics(uri);
      return test(diagnostics) ? diagnostics : undefined;
    },
    { events: [vscode.languages.onDidChangeDiagnostics], timeoutMs, seen: () => describeDiagnostics(uri) },
  );
}

export function hasAt(diagnostics: vscode.Diagnostic[], rule: string, line: number): vscode.Diagnostic | undefined {
  return diagnostics.find((d) => ruleOf(d) === rule && d.range.start.line + 1 === line);
}

export async function openInEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { preview: false });
}

/**
 * A round trip through nianbao's language server for `uri` (a code action request, which the
 * server answers after analysing the document's current version). Messages on the connection
 * are handled in order, so once it returns, the server has also answered the diagnostic pull
 * the client sent when the document was opened.
 */
export async function roundTrip(uri: vscode.Uri): Promise<void> {
  await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, new vscode.Range(0, 0, 0, 0), vscode.CodeActionKind.QuickFix.value);
}

/** The rules the extension declares (the `nianbao.rules` setting's properties in the manifest). */
export function declaredRules(): string[] {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not installed in this VS Code`);
  const configuration = (extension.packageJSON as { contributes?: { configuration?: unknown } }).contributes?.configuration;
  const sections = (Array.isArray(configuration) ? configuration : [configuration]) as {
    properties?: Record<string,
    { properties?: Record<string, unknown> }>,
  }[];
  for (const section of sections) {
    const rules = section?.properties?.['nianbao.rules']?.properties;
    if (rules) return Object.keys(rules);
  }
  throw new Error('the manifest declares no nianbao.rules properties');
}

/** The quick fixes VS Code offers at a diagnostic's range whose title passes `titleTest`; polls because the renderer gets markers asynchronously. */
export async function quickFixesFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic, titleTest: (title: string) => boolean): Promise<vscode.CodeAction[]> {
  let last: vscode.CodeAction[] = [];
  return waitFor(
    `a quick fix for ${ruleOf(diagnostic)} at line ${diagnostic.range.start.line + 1}`,
    async () => {
      last =
        (await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          uri,
          diagnostic.range,
          vscode.CodeActionKind.QuickFix.value,
        )) ?? [];
      // VS Code asks for the actions of the diagnostics under the range; the actions it returns
      // through this command carry no diagnostics, so they are told apart by title.
      const matching = last.filter((a) => titleTest(a.title));
      return matching.length ? matching : undefined;
    },
    {
      pollMs: 250,
      seen: () =>
        `actions: ${JSON.stringify(last.map((a) => ({ title: a.title, kind: a.kind?.value, preferred: a.isPreferred })))}`,
    },
  );
}

/** Applies a code action's edit and command, failing if VS Code refuses the edit. */
export async function applyCodeAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) {
    const applied = await vscode.workspace.applyEdit(action.edit);
    if (!applied) throw new Error(`VS Code refused the edit of "${action.title}"`);
  }
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

/**
 * Leaves a clean window: saves dirty workspace files (scratch copies only), reverts dirty
 * untitled documents (which would otherwise ask where to save), closes every editor.
 */
export async function cleanWindow(): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (!document.isDirty) continue;
    if (document.isUntitled) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } else {
      await document.save();
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * Replaces a method of the `vscode.window` object the extension sees, for the length of `body`.
 * The suite's bundle lies inside the extension's folder, so VS Code hands it the same API object
 * as the extension; the extension host cannot type into a quick input, so the tests answer the
 * commands' prompts this way. Everything else (the command, the server request, the edit) is real.
 */
export async function withWindowStub<K extends 'showQuickPick' | 'showInputBox' | 'showOpenDialog' | 'showSaveDialog' | 'showWarningMessage' | 'showErrorMessage' | 'showInformationMessage'>(
  name: K,
  stub: (typeof vscode.window)[K],
  body: (calls: () => number) => Promise<void>,
): Promise<void> {
  const window = vscode.window as unknown as Record<string, unknown>;
  const original = window[name];
  let count = 0;
  window[name] = (...args: unknown[]) => {
    count++;
    return (stub as (...a: unknown[]) => unknown)(...args);
  };
  try {
    await body(() => count);
  } finally {
    window[name] = original;
  }
}
