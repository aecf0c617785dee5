/**
 * The language of messages: `nianbao.locale`, or with `auto` the client's display language.
 * Server-side strings go through @vscode/l10n with the extension's zh-cn bundle.
 */
import * as l10n from '@vscode/l10n';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Language } from '../core/index.js';
import { readRegularFileSync } from '../shell/read-regular-file.js';
import type { Settings } from './settings.js';

export type { Language } from '../core/index.js';

/** Resolves the message language. */
export function languageOf(settings: Settings, displayLanguage: string | undefined): Language {
  if (settings.locale === 'zh-cn') return 'zh';
  if (settings.locale === 'en') return 'en';
  return displayLanguage === undefined || displayLanguage.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

let configured: Language | undefined;

/** The folder holding package.json: dist/.. when bundled, the repository root when run from source. */
export function extensionRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 5 && !existsSync(join(dir, 'package.json')); i++) dir = join(dir, '..');
  return dir;
}

/** Translates a server string (English source) into the language, with {0} arguments. */
export function t(language: Language, message: string, ...args: string[]): string {
  if (configured !== language) {
    // The extension's own file, read once: synchronously, but through the one safe reader.
    const bundle = language === 'zh' ? readRegularFileSync(join(extensionRoot(), 'l10n', 'bundle.l10n.zh-cn.json')) : undefined;
    l10n.config({ contents: bundle?.ok ? (JSON.parse(bundle.data.toString('utf8')) as Record<string, string>) : {} });
    configured = language;
  }
  return l10n.t(message, ...args);
}
