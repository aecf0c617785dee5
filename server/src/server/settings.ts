/**
 * The `nianbao.*` settings as the server uses them, read per document through
 * workspace/configuration and cached until the client says they changed.
 */
import type { Connection } from 'vscode-languageserver';
import { isSeveritySetting, type FormatId, type RuleSettings, type SeveritySetting } from '../core/index.js';
import { DEFAULT_MAX_FILE_BYTES } from '../shell/read-refusal.js';
import { formatProblem, type LoadedConfig, type NianbaoConfig } from '../shell/config-parse.js';
import type { ServerFiles } from './host.js';
import { URI } from './uri.js';

/** The settings of one document. */
export interface Settings {
  readonly enable: boolean;
  readonly run: 'onType' | 'onSave';
  readonly rules: RuleSettings;
  readonly format: 'auto' | FormatId;
  readonly locale: 'auto' | 'zh-cn' | 'en';
  readonly files: readonly string[];
  /** Files (and open documents) above this many megabytes are not read or checked (issue 14). */
  readonly maxFileSize: number;
  /** The config file merged in (server/src/shell/config.ts), if any. */
  readonly config?: string;
}

/** Defaults, as package.json declares them. */
export const DEFAULT_SETTINGS: Settings = { enable: true, run: 'onType', rules: {}, format: 'auto', locale: 'zh-cn', files: [], maxFileSize: DEFAULT_MAX_FILE_BYTES / (1024 * 1024) };

/** The largest `maxFileSize` taken: beyond it a workspace could still make the server read gigabytes. */
const MAX_FILE_SIZE_CEILING = 1024;

/** Settings from whatever the client sent, every unknown or ill-typed value replaced by its default. */
export function normalizeSettings(raw: unknown): Settings {
  const value = (raw ?? {}) as Record<string, unknown>;
  const rules: Record<string, SeveritySetting> = {};
  if (value['rules'] && typeof value['rules'] === 'object') {
    for (const [id, severity] of Object.entries(value['rules'] as Record<string, unknown>)) {
      if (isSeveritySetting(severity)) rules[id] = severity;
    }
  }
  const pick = <T extends string>(key: string, allowed: readonly T[], fallback: T): T =>
    typeof value[key] === 'string' && (allowed as readonly string[]).includes((value[key] as string).toLowerCase()) ? ((value[key] as string).toLowerCase() as T) : fallback;
  return {
    enable: typeof value['enable'] === 'boolean' ? value['enable'] : DEFAULT_SETTINGS.enable,
    run: value['run'] === 'onSave' ? 'onSave' : 'onType',
    rules,
    format: pick('format', ['auto', '2019', '2021'] as const, 'auto'),
    // Declared as zh-CN (the default, issue 20), en, auto; read in any case.
    locale: pick('locale', ['auto', 'zh-cn', 'en'] as const, DEFAULT_SETTINGS.locale),
    files: Array.isArray(value['files']) ? (value['files'] as unknown[]).filter((f): f is string => typeof f === 'string') : [],
    maxFileSize: fileSize(value['maxFileSize']),
  };
}

function fileSize(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.min(value, MAX_FILE_SIZE_CEILING) : DEFAULT_SETTINGS.maxFileSize;
}

/**
 * The settings with a config file under them. workspace/configuration fills in defaults, so a
 * setting "set" cannot be told from a default: a rule's severity from the config applies unless
 * `nianbao.rules` names that rule; `format` from the config applies while the editor's is `auto`,
 * `locale` while the editor's is its default `zh-CN`; the config's `files` apply while `nianbao.files` is empty (relative globs are
 * relative to the config file's directory).
 */
export function mergeConfig(settings: Settings, config: NianbaoConfig, path: string | undefined): Settings {
  if (path === undefined) return settings;
  const base = directoryOf(path);
  const files = config.files?.map((glob) => (isAbsolutePath(glob) || !glob.includes('/') ? glob : joinPath(base, glob)));
  return {
    ...settings,
    rules: { ...(config.rules ?? {}), ...settings.rules },
    format: settings.format !== 'auto' ? settings.format : (config.format ?? 'auto'),
    locale: settings.locale !== DEFAULT_SETTINGS.locale ? settings.locale : config.locale === 'en' ? 'en' : config.locale === 'zh-CN' ? 'zh-cn' : settings.locale,
    files: settings.files.length > 0 || !files ? settings.files : files,
    config: path,
  };
}

/** The directory of a config file, `/`-separated: of its path on disk (Node), or of its URI's path (a browser, where the host names configs by URI). */
function directoryOf(path: string): string {
  const slashed = (/^[a-z][a-z0-9+.-]*:\/\//i.test(path) ? URI.path(path) : path).split('\\').join('/');
  const cut = slashed.lastIndexOf('/');
  return cut < 0 ? '.' : cut === 0 ? '/' : slashed.slice(0, cut);
}

/** Whether a glob is an absolute path: `/…`, `\…` or a Windows drive's `C:\…`, `C:/…`. */
function isAbsolutePath(glob: string): boolean {
  return /^([/\\]|[a-zA-Z]:[/\\])/.test(glob);
}

/** `relative` under `base` with `.` and `..` resolved, `/`-separated (as Node's path.join, on '/' paths). */
function joinPath(base: string, relative: string): string {
  const absolute = base.startsWith('/');
  const parts: string[] = [];
  for (const part of `${base}/${relative}`.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts.at(-1) !== '..') parts.pop();
    else if (part !== '..' || !absolute) parts.push(part);
  }
  return (absolute ? '/' : '') + parts.join('/');
}

/** Reads and caches settings per document. */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();
  /** The config files already named in the output (with their problems). */
  private readonly logged = new Set<string>();

  constructor(
    private readonly connection: Connection,
    /** Where config files are read (host.ts): the disk, or the client's workspace. */
    private readonly files: ServerFiles,
    private readonly pull: boolean,
  ) {}

  /** The settings for a document (defaults when the client cannot be asked). */
  get(uri: string): Promise<Settings> {
    let settings = this.cache.get(uri);
    if (!settings) {
      const editor = this.pull
        ? this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'nianbao' }).then(normalizeSettings, () => DEFAULT_SETTINGS)
        : Promise.resolve(DEFAULT_SETTINGS);
      settings = Promise.all([editor, this.configOf(uri)]).then(([s, loaded]) => (loaded ? mergeConfig(s, loaded.config, loaded.path) : s));
      this.cache.set(uri, settings);
    }
    return settings;
  }

  /**
   * The config file of a document (logged once per config file with its problems), read without
   * blocking: a config on a slow disk or a large one holds no other document up (issue 18).
   */
  private async configOf(uri: string): Promise<LoadedConfig | undefined> {
    let loaded: LoadedConfig | undefined;
    try {
      loaded = await this.files.configOf(uri);
    } catch {
      return undefined;
    }
    if (loaded?.path === undefined) return undefined;
    if (!this.logged.has(loaded.path)) {
      this.logged.add(loaded.path);
      this.connection.console.info(`nianbao: 使用配置文件 / using the config file ${loaded.path}`);
      for (const problem of loaded.problems) this.connection.console.warn(`nianbao: 配置文件 / config file ${formatProblem(problem)}`);
    }
    return loaded;
  }

  /** Forgets everything (the client said settings changed). */
  clear(): void {
    this.cache.clear();
  }

  /** Forgets the config files read (one changed) and the settings built on them. */
  clearConfigs(): void {
    this.files.forgetConfigs();
    this.logged.clear();
    this.cache.clear();
  }

  /** Forgets one document (it was closed). */
  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
