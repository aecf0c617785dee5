/**
 * The language of the extension's own interface (messages, pickers, the status bar), chosen by
 * `nianbao.locale` like the problem messages, not by VS Code's display language: Chinese by
 * default, also in a VS Code without the Chinese language pack (issue 20: intranet PCs have
 * none). `auto` follows the display language. The Chinese texts are the extension's bundle
 * (l10n/bundle.l10n.zh-cn.json), bundled into the client, so no file is read at run time.
 */
import * as vscode from 'vscode';
import bundle from '../../l10n/bundle.l10n.zh-cn.json';

/** The two languages of the interface. */
export type UiLanguage = 'zh' | 'en';

const CHINESE: Readonly<Record<string, string>> = bundle;

/** The language `nianbao.locale` asks for (zh-CN by default; auto: VS Code's display language). */
export function uiLanguage(): UiLanguage {
  const setting = (vscode.workspace.getConfiguration('nianbao').get<string>('locale') ?? 'zh-CN').toLowerCase();
  if (setting === 'en') return 'en';
  if (setting === 'auto') return vscode.env.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
  return 'zh';
}

/** Fills `{0}`, `{1}` … with the arguments, as vscode.l10n.t does. */
function format(template: string, args: readonly (string | number | boolean)[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : whole));
}

/** The extension's translation function, called as vscode.l10n's is (English source, then its arguments), in the language of {@link uiLanguage}. */
export const l10n = {
  t(message: string, ...args: (string | number | boolean)[]): string {
    return format(uiLanguage() === 'zh' ? (CHINESE[message] ?? message) : message, args);
  },
};
