/**
 * The HTML of the table form's webview (issue 21): a strict Content-Security-Policy (nothing
 * remote, no inline code but the page's own under a fresh nonce), the theme's colours through
 * VS Code's CSS variables (light, dark, high contrast), the interface's strings in the user's
 * language, and the script of form-script.ts. The table itself arrives by message.
 */
import { FORM_SCRIPT } from './form-script.js';

/** The interface's words the script shows, already in the user's language. */
export interface FormStrings {
  readonly loading: string;
  readonly problems: string;
  readonly noProblems: string;
  readonly computedTotal: string;
  readonly totalHolds: string;
  readonly notEditable: string;
  readonly help: string;
}

/** A nonce for the page's style and script: 32 characters from the platform's random source. */
export function makeNonce(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, 'x');
}

/** The Content-Security-Policy of nianbao's webviews: their own style and script only. */
export function webviewCsp(cspSource: string, nonce: string): string {
  return `default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src ${cspSource}; font-src ${cspSource};`;
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); margin: 0; padding: 0 12px; }
header { padding: 8px 0 6px; }
h1 { font-size: 1.15em; margin: 0 0 4px; font-weight: 600; }
#here { min-height: 1.4em; color: var(--vscode-descriptionForeground); }
#status { color: var(--vscode-errorForeground); }
#status:empty { display: none; }
.help { color: var(--vscode-descriptionForeground); font-size: 0.9em; margin: 2px 0 4px; }
h2 { font-size: 1em; margin: 4px 0 2px; font-weight: 600; }
#findings { margin: 0; padding-left: 1.4em; max-height: 5.5em; overflow-y: auto; }
main { overflow: auto; border: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent)); }
table.official { border-collapse: separate; border-spacing: 0; }
table.official th, table.official td { border-right: 1px solid var(--vscode-editorWidget-border, var(--vscode-contrastBorder, #888)); border-bottom: 1px solid var(--vscode-editorWidget-border, var(--vscode-contrastBorder, #888)); padding: 2px 4px; vertical-align: middle; }
table.official th { font-weight: normal; text-align: center; background: var(--vscode-editor-background); min-width: 3.5em; }
table.official thead th { position: sticky; z-index: 2; }
table.official tbody th { text-align: left; min-width: 5em; max-width: 16em; }
table.official th.pinned { position: sticky; z-index: 1; }
table.official thead th.pinned { z-index: 3; }
td.value { white-space: nowrap; padding: 1px 2px; text-align: right; }
td.value input { width: 4.2em; text-align: right; font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); font-variant-numeric: tabular-nums;
  color: var(--vscode-input-foreground); background: var(--vscode-input-background); border: 1px solid var(--vscode-input-border, transparent); padding: 2px 3px; }
td.value input:focus { outline: 2px solid var(--vscode-focusBorder); outline-offset: -1px; }
td.readonly input { opacity: 0.6; }
td.pending input { font-style: italic; }
td.finding-error input { border: 2px solid var(--vscode-inputValidation-errorBorder, var(--vscode-editorError-foreground)); }
td.finding-warning input { border: 2px solid var(--vscode-inputValidation-warningBorder, var(--vscode-editorWarning-foreground)); }
td.finding-info input, td.finding-hint input { border: 2px dashed var(--vscode-inputValidation-infoBorder, var(--vscode-editorInfo-foreground)); }
.computed { display: inline-block; min-width: 2.5em; margin-left: 2px; font-size: 0.85em; text-align: left; color: var(--vscode-descriptionForeground); }
.computed.differs { color: var(--vscode-editorError-foreground, var(--vscode-errorForeground)); font-weight: 600; }
.computed.ok { color: var(--vscode-testing-iconPassed, var(--vscode-descriptionForeground)); }
.finding-item.finding-error::marker { color: var(--vscode-editorError-foreground); }
.finding-item.finding-warning::marker { color: var(--vscode-editorWarning-foreground); }
button.link { background: none; border: none; padding: 1px 0; color: var(--vscode-textLink-foreground); cursor: pointer; text-align: left; font: inherit; }
button.link:focus { outline: 1px solid var(--vscode-focusBorder); }
`;

/** The page of a table form; `language` is the interface's (zh-CN or en). */
export function formPageHtml(cspSource: string, strings: FormStrings, language: 'zh' | 'en'): string {
  const nonce = makeNonce();
  // JSON in a <script type="application/json">: `<` escaped so no text can close the element.
  const data = JSON.stringify(strings).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="${language === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${webviewCsp(cspSource, nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<header><h1 id="title"></h1><p class="help">${escape(strings.help)}</p><div id="status" role="status"></div><h2 id="findings-title"></h2><ul id="findings"></ul><div id="here" aria-live="polite"></div></header>
<main id="form">${escape(strings.loading)}</main>
<script type="application/json" id="nianbao-strings">${data}</script>
<script nonce="${nonce}">${FORM_SCRIPT}</script>
</body>
</html>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
