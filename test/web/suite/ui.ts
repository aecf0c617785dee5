/**
 * Asking the runner (test/web/workbench.ts, `/__nianbao/ui`) for a screenshot of what the user
 * sees, once an element of the page is visible; the answer says what the page showed. The
 * extension is served by the runner's server, so its URI is an http URL on it.
 */
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../e2e/suite/helpers.js';
import type { UiAnswer } from '../workbench.js';

/**
 * A screenshot named `name`, taken once `selector` is visible (within `timeoutMs`), then `press`
 * pressed (e.g. `Escape` to close a menu). Undefined where no runner answers (another host).
 */
export async function screenshot(name: string, selector?: string, options: { timeoutMs?: number; press?: string } = {}): Promise<UiAnswer | undefined> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension || !/^https?$/.test(extension.extensionUri.scheme)) return undefined;
  const url = new URL('/__nianbao/ui', extension.extensionUri.toString());
  url.searchParams.set('name', name);
  if (selector) url.searchParams.set('selector', selector);
  url.searchParams.set('timeout', String(options.timeoutMs ?? 15_000));
  if (options.press) url.searchParams.set('press', options.press);
  const response = await fetch(url);
  if (!response.ok) return undefined;
  return (await response.json()) as UiAnswer;
}
