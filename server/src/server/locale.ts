/**
 * The language of messages: `nianbao.locale`, or with `auto` the client's display language.
 * Server-side strings go through @vscode/l10n with the extension's zh-cn bundle, which the build
 * puts inside the server (a browser's worker has no disk to read it from; the file is small).
 */
import * as l10n from '@vscode/l10n';
import type { Language } from '../core/index.js';
import chineseBundle from '../../../l10n/bundle.l10n.zh-cn.json';
import type { Settings } from './settings.js';

export type { Language } from '../core/index.js';

/** Resolves the message language. */
export function languageOf(settings: Settings, displayLanguage: string | undefined): Language {
  if (settings.locale === 'zh-cn') return 'zh';
  if (settings.locale === 'en') return 'en';
  return displayLanguage === undefined || displayLanguage.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

let configured: Language | undefined;

/** Translates a server string (English source) into the language, with {0} arguments. */
export function t(language: Language, message: string, ...args: string[]): string {
  if (configured !== language) {
    l10n.config({ contents: language === 'zh' ? (chineseBundle as Record<string, string>) : {} });
    configured = language;
  }
  return l10n.t(message, ...args);
}
