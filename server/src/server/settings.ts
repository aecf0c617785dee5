/**
 * The `nianbao.*` settings as the server uses them, read per document through
 * workspace/configuration and cached until the client says they changed.
 */
import type { Connection } from 'vscode-languageserver';
import type { FormatId, Severity } from '../core/index.js';

/** The settings of one document. */
export interface Settings {
  readonly enable: boolean;
  readonly run: 'onType' | 'onSave';
  readonly rules: Readonly<Record<string, Severity | 'off'>>;
  readonly format: 'auto' | FormatId;
  readonly locale: 'auto' | 'zh-cn' | 'en';
  readonly files: readonly string[];
}

/** Defaults, as package.json declares them. */
export const DEFAULT_SETTINGS: Settings = { enable: true, run: 'onType', rules: {}, format: 'auto', locale: 'auto', files: [] };

const SEVERITIES = new Set(['error', 'warning', 'info', 'off']);

/** Settings from whatever the client sent, every unknown or ill-typed value replaced by its default. */
export function normalizeSettings(raw: unknown): Settings {
  const value = (raw ?? {}) as Record<string, unknown>;
  const rules: Record<string, Severity | 'off'> = {};
  if (value['rules'] && typeof value['rules'] === 'object') {
    for (const [id, severity] of Object.entries(value['rules'] as Record<string, unknown>)) {
      if (typeof severity === 'string' && SEVERITIES.has(severity)) rules[id] = severity as Severity | 'off';
    }
  }
  const pick = <T extends string>(key: string, allowed: readonly T[], fallback: T): T =>
    typeof value[key] === 'string' && (allowed as readonly string[]).includes((value[key] as string).toLowerCase()) ? ((value[key] as string).toLowerCase() as T) : fallback;
  return {
    enable: typeof value['enable'] === 'boolean' ? value['enable'] : DEFAULT_SETTINGS.enable,
    run: value['run'] === 'onSave' ? 'onSave' : 'onType',
    rules,
    format: pick('format', ['auto', '2019', '2021'] as const, 'auto'),
    locale: pick('locale', ['auto', 'zh-cn', 'en'] as const, 'auto'),
    files: Array.isArray(value['files']) ? (value['files'] as unknown[]).filter((f): f is string => typeof f === 'string') : [],
  };
}

/** Reads and caches settings per document. */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();

  constructor(
    private readonly connection: Connection,
    private readonly pull: boolean,
  ) {}

  /** The settings for a document (defaults when the client cannot be asked). */
  get(uri: string): Promise<Settings> {
    if (!this.pull) return Promise.resolve(DEFAULT_SETTINGS);
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'nianbao' })
        .then(normalizeSettings, () => DEFAULT_SETTINGS);
      this.cache.set(uri, settings);
    }
    return settings;
  }

  /** Forgets everything (the client said settings changed). */
  clear(): void {
    this.cache.clear();
  }

  /** Forgets one document (it was closed). */
  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
