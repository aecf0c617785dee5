/**
 * The standard tables in VS Code's built-in Markdown preview in the official merged layout,
 * their wrong cells marked (issue 21, item 5): a markdown-it plugin (package.json
 * `markdown.markdownItPlugins`, `extendMarkdownIt` of the extension's exports). markdown-it
 * renders synchronously and the checker is in the language server, so the plugin shows what the
 * server last gave for the document (PREVIEW_TABLES_REQUEST: each table's HTML, from the
 * export's layout, and the lines of the blocks it is written in) for the text it renders, and
 * asks for it again when the text is another: while the answer is on its way the blocks keep the layout of the
 * last answer if they still stand on the same lines, else the preview shows them as Markdown;
 * with the answer, the preview is refreshed. The client bundles no checker (the browser's
 * extension too).
 */
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient';
import type { NianbaoClient } from './client.js';
import { sendRequest } from './messages.js';
import { PREVIEW_TABLES_REQUEST, type PreviewTablesWire } from '../../server/src/protocol.js';

/** The parts of markdown-it the plugin uses (the extension bundles no markdown-it of its own). */
export interface MarkdownToken {
  type: string;
  map: [number, number] | null;
  level: number;
  nesting: number;
  content: string;
  block: boolean;
}

/** markdown-it's core state, as the plugin reads and changes it. */
export interface MarkdownState {
  src: string;
  env: unknown;
  tokens: MarkdownToken[];
  Token: new (type: string, tag: string, nesting: number) => MarkdownToken;
}

/** The markdown-it instance VS Code's preview passes to `extendMarkdownIt`. */
export interface MarkdownIt {
  core: { ruler: { push(name: string, rule: (state: MarkdownState) => void): void } };
}

/** How long after a change of the document the tables are asked for again. */
const PREFETCH_DELAY_MS = 150;

/** The top-level token groups (an opening token to its close, or a token alone) with the lines they start on. */
function topLevelGroups(tokens: readonly MarkdownToken[]): { from: number; to: number; line: number | undefined; lastLine: number | undefined }[] {
  const groups: { from: number; to: number; line: number | undefined; lastLine: number | undefined }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    let to = i;
    if (token.nesting === 1) {
      while (to < tokens.length - 1 && !(tokens[to]!.nesting === -1 && tokens[to]!.level === token.level)) to++;
    }
    groups.push({ from: i, to, line: token.map?.[0], lastLine: token.map === null ? undefined : token.map[1] - 1 });
    i = to;
  }
  return groups;
}

/**
 * The tokens with every top-level block of a standard table replaced: the table's first block
 * by its official layout (an `html_block`), its other blocks (表二 written as several tables)
 * left out. `exact`: the blocks must end on the lines the answer says too (an answer for
 * another text is used only where the tables have not moved).
 */
export function replaceTables(state: MarkdownState, tables: PreviewTablesWire['tables'], exact: boolean): boolean {
  const groups = topLevelGroups(state.tokens);
  const owner = (line: number | undefined, lastLine: number | undefined): { table: number; first: boolean } | undefined => {
    if (line === undefined) return undefined;
    for (let t = 0; t < tables.length; t++) {
      const blocks = tables[t]!.blocks;
      const b = blocks.findIndex((block) => block.startLine <= line && line <= block.endLine);
      if (b < 0) continue;
      if (exact && (blocks[b]!.startLine !== line || blocks[b]!.endLine !== lastLine)) return undefined;
      return { table: t, first: b === 0 && blocks[0]!.startLine === line };
    }
    return undefined;
  };
  const placed = groups.map((g) => owner(g.line, g.lastLine));
  if (exact) {
    // Every block of every table must be found where the answer says, or nothing is replaced.
    const found = tables.reduce((n, t) => n + t.blocks.length, 0);
    if (placed.filter((p) => p !== undefined).length !== found) return false;
  }
  const tokens: MarkdownToken[] = [];
  groups.forEach((group, g) => {
    const place = placed[g];
    if (place === undefined) {
      tokens.push(...state.tokens.slice(group.from, group.to + 1));
      return;
    }
    if (!place.first) return;
    const html = new state.Token('html_block', '', 0);
    html.content = `<div class="nianbao-official">${tables[place.table]!.html}</div>\n`;
    html.map = state.tokens[group.from]!.map;
    html.block = true;
    tokens.push(html);
  });
  state.tokens = tokens;
  return true;
}

/** The plugin and what the server last gave for each previewed document. */
export class PreviewTables implements vscode.Disposable {
  private readonly answers = new Map<string, PreviewTablesWire>();
  private readonly asking = new Set<string>();
  private readonly again = new Set<string>();
  private readonly previewed = new Set<string>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly changes: vscode.Disposable;
  private readonly closes: vscode.Disposable;

  constructor(private readonly client: NianbaoClient) {
    this.changes = vscode.workspace.onDidChangeTextDocument((event) => {
      const uri = event.document.uri.toString();
      if (!this.previewed.has(uri) || event.contentChanges.length === 0) return;
      clearTimeout(this.timers.get(uri));
      this.timers.set(uri, setTimeout(() => void this.ask(uri), PREFETCH_DELAY_MS));
    });
    // A closed document's answer is kept no longer than its preview would need it.
    this.closes = vscode.workspace.onDidCloseTextDocument((document) => {
      const uri = document.uri.toString();
      clearTimeout(this.timers.get(uri));
      this.timers.delete(uri);
      this.answers.delete(uri);
      this.previewed.delete(uri);
    });
  }

  /** `extendMarkdownIt`: adds the rule that lays out the standard tables. */
  extend<T extends MarkdownIt>(md: T): T {
    md.core.ruler.push('nianbao_official_tables', (state) => this.render(state));
    return md;
  }

  /**
   * VS Code's preview parses with an empty `env` (its document is known only when it renders),
   * so the document is found by its text: an answer for this text, else the open document that
   * holds it.
   */
  private render(state: MarkdownState): void {
    for (const answer of this.answers.values()) {
      if (answer.text === state.src) {
        replaceTables(state, answer.tables, false);
        return;
      }
    }
    const document = vscode.workspace.textDocuments.find((d) => d.languageId === 'markdown' && d.getText() === state.src);
    if (document === undefined) return;
    const uri = document.uri.toString();
    this.previewed.add(uri);
    void this.ask(uri);
    const last = this.answers.get(uri);
    if (last !== undefined) replaceTables(state, last.tables, true);
  }

  /** Asks the server for the document's tables; refreshes the preview when they are of the text it shows now. */
  private async ask(uri: string): Promise<void> {
    if (this.client.state !== State.Running) return;
    if (this.asking.has(uri)) {
      this.again.add(uri);
      return;
    }
    this.asking.add(uri);
    try {
      const answer = await sendRequest(this.client, PREVIEW_TABLES_REQUEST, { uri });
      if ('error' in answer) return;
      const before = this.answers.get(uri);
      this.answers.set(uri, answer);
      const current = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri)?.getText();
      if (current === answer.text && before?.text !== answer.text) await vscode.commands.executeCommand('markdown.preview.refresh');
    } catch {
      // The server is restarting or the document closed: the preview shows the tables as Markdown.
    } finally {
      this.asking.delete(uri);
      // A change came while the answer was on its way: ask for the text as it is now.
      if (this.again.delete(uri)) void this.ask(uri);
    }
  }

  dispose(): void {
    this.changes.dispose();
    this.closes.dispose();
    for (const timer of this.timers.values()) clearTimeout(timer);
  }
}
