/**
 * The configuration file shared by the CLI and the language server: `.nianbaorc.json` (JSON with
 * comments, read by jsonc-parser) or the `"nianbao"` key of a `package.json`, found by walking up
 * from the checked file's directory to the filesystem root; the first directory that has one wins,
 * and in one directory `.nianbaorc.json` wins over `package.json`.
 *
 * A config never throws: a syntax error gives the defaults, an ill-typed value its key's default,
 * an unknown rule id or a bad severity is dropped; each is a `ConfigProblem` with the file and
 * the 1-based line, in Chinese then English. Reads the disk (node:fs) like `walk.ts`.
 */
import { basename, dirname, join, resolve } from 'node:path';
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { isSeveritySetting, RULES, type FormatId, type RuleSettings, type SeveritySetting } from '../core/index.js';
import { readRegularFileSync } from './read-regular-file.js';

/** The config file name. */
export const CONFIG_FILE = '.nianbaorc.json';

/** What a config file may set (the same types as `CheckOptions.rules` / `format`). */
export interface NianbaoConfig {
  readonly rules?: RuleSettings;
  readonly format?: 'auto' | FormatId;
  readonly locale?: 'zh-CN' | 'en';
  readonly files?: readonly string[];
  readonly ignore?: readonly string[];
}

/** Something wrong in a config file. */
export interface ConfigProblem {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  readonly message: string;
}

/** A config as read: its file (none: the defaults), the values, the problems. */
export interface LoadedConfig {
  readonly path: string | undefined;
  readonly config: NianbaoConfig;
  readonly problems: readonly ConfigProblem[];
}

/** The defaults: an empty config. */
export const DEFAULT_CONFIG: NianbaoConfig = {};

/** Every rule id a config may name. */
export function ruleIds(): string[] {
  return RULES.map((r) => r.id);
}

const KEYS: readonly string[] = ['$schema', 'rules', 'format', 'locale', 'files', 'ignore'];

/** A config file is small; anything larger, or a FIFO or device by that name, is no config (issue 14). */
const MAX_CONFIG_BYTES = 1024 * 1024;

function readOrUndefined(path: string): string | undefined {
  const read = readRegularFileSync(path, MAX_CONFIG_BYTES);
  return read.ok ? new TextDecoder().decode(read.data) : undefined;
}

/** Whether a package.json text has a `"nianbao"` key at the top. */
function packageHasKey(text: string): boolean {
  const tree = parseTree(text, [], { allowTrailingComma: true });
  return tree !== undefined && findNodeAtLocation(tree, ['nianbao']) !== undefined;
}

/** The config file in one directory, if any. */
function configIn(directory: string): string | undefined {
  const rc = join(directory, CONFIG_FILE);
  if (readOrUndefined(rc) !== undefined) return rc;
  const pkg = join(directory, 'package.json');
  const text = readOrUndefined(pkg);
  return text !== undefined && packageHasKey(text) ? pkg : undefined;
}

/** The config file that applies to `filePath`: the nearest at or above its directory. */
export function findConfig(filePath: string, cache?: Map<string, string | null>): string | undefined {
  const visited: string[] = [];
  let directory = dirname(resolve(filePath));
  let found: string | undefined;
  for (;;) {
    const cached = cache?.get(directory);
    if (cached !== undefined) {
      found = cached ?? undefined;
      break;
    }
    visited.push(directory);
    found = configIn(directory);
    if (found) break;
    const parent = dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  for (const d of visited) cache?.set(d, found ?? null);
  return found;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Reads and checks one config file (`.nianbaorc.json`, or a package.json's `"nianbao"` key). */
export function loadConfig(path: string): LoadedConfig {
  const file = resolve(path);
  const problems: ConfigProblem[] = [];
  const text = readOrUndefined(file);
  if (text === undefined) {
    return { path: file, config: DEFAULT_CONFIG, problems: [{ file, line: 1, message: `无法读取配置文件，使用默认设置 / cannot read the config file; the defaults apply` }] };
  }
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !tree) {
    const first = errors[0];
    const code = first ? printParseErrorCode(first.error) : 'ValueExpected';
    return {
      path: file,
      config: DEFAULT_CONFIG,
      problems: [{ file, line: lineOf(text, first?.offset ?? 0), message: `配置文件不是有效的 JSON（${code}），整个文件被忽略，使用默认设置 / the config file is not valid JSON (${code}); it is ignored and the defaults apply` }],
    };
  }
  const isPackage = basename(file) === 'package.json';
  const root = isPackage ? findNodeAtLocation(tree, ['nianbao']) : tree;
  const at = (node: Node | undefined): number => lineOf(text, node?.offset ?? 0);
  const prefix = isPackage ? 'nianbao.' : '';
  if (!root) return { path: file, config: DEFAULT_CONFIG, problems: [] };
  if (root.type !== 'object') {
    return { path: file, config: DEFAULT_CONFIG, problems: [{ file, line: at(root), message: `配置应为一个对象（{ … }），使用默认设置 / the config must be an object ({ … }); the defaults apply` }] };
  }
  const config: { -readonly [K in keyof NianbaoConfig]: NianbaoConfig[K] } = {};
  const known = new Set(ruleIds());
  for (const property of root.children ?? []) {
    const keyNode = property.children?.[0];
    const valueNode = property.children?.[1];
    const key = String(keyNode?.value ?? '');
    if (!valueNode) continue;
    const bad = (zh: string, en: string, node: Node = valueNode): void => {
      problems.push({ file, line: at(node), message: `${zh} / ${en}` });
    };
    switch (key) {
      case '$schema':
        break;
      case 'rules': {
        if (valueNode.type !== 'object') {
          bad(`“${prefix}rules”应为对象（规则 id → error/warning/info/hint/off），已忽略`, `“${prefix}rules” must be an object (rule id → error/warning/info/hint/off); ignored`);
          break;
        }
        const rules: Record<string, SeveritySetting> = {};
        for (const entry of valueNode.children ?? []) {
          const id = String(entry.children?.[0]?.value ?? '');
          const severity = entry.children?.[1];
          if (!known.has(id)) {
            bad(`未知的规则 id“${id}”，已忽略`, `unknown rule id “${id}”; ignored`, entry);
            continue;
          }
          if (severity?.type !== 'string' || !isSeveritySetting(severity.value)) {
            bad(`规则“${id}”的级别应为 error、warning、info、hint 或 off，而不是 ${severity ? text.slice(severity.offset, severity.offset + severity.length) : '空'}，已忽略`, `the severity of “${id}” must be error, warning, info, hint or off, not ${severity ? text.slice(severity.offset, severity.offset + severity.length) : 'nothing'}; ignored`, entry);
            continue;
          }
          rules[id] = severity.value as SeveritySetting;
        }
        config.rules = rules;
        break;
      }
      case 'format': {
        const value = valueNode.type === 'string' ? String(valueNode.value).toLowerCase() : valueNode.type === 'number' ? String(valueNode.value) : undefined;
        if (value === 'auto' || value === '2019' || value === '2021') config.format = value;
        else bad(`“${prefix}format”应为 auto、2019 或 2021，已忽略`, `“${prefix}format” must be auto, 2019 or 2021; ignored`);
        break;
      }
      case 'locale': {
        const value = valueNode.type === 'string' ? String(valueNode.value).toLowerCase() : undefined;
        if (value === 'zh-cn' || value === 'zh') config.locale = 'zh-CN';
        else if (value === 'en') config.locale = 'en';
        else bad(`“${prefix}locale”应为 zh-CN 或 en，已忽略`, `“${prefix}locale” must be zh-CN or en; ignored`);
        break;
      }
      case 'files':
      case 'ignore': {
        const items = valueNode.type === 'array' ? (valueNode.children ?? []) : undefined;
        if (!items || items.some((item) => item.type !== 'string')) {
          bad(`“${prefix}${key}”应为 glob 字符串的数组，已忽略`, `“${prefix}${key}” must be an array of glob strings; ignored`);
          break;
        }
        config[key] = items.map((item) => String(item.value));
        break;
      }
      default:
        bad(`未知的配置项“${prefix}${key}”（应为 ${KEYS.slice(1).join('、')} 之一），已忽略`, `unknown key “${prefix}${key}” (expected one of ${KEYS.slice(1).join(', ')}); ignored`, property);
    }
  }
  return { path: file, config, problems };
}

/** Finds and loads configs, each directory looked up and each file read once (one per run, or until `clear`). */
export class ConfigCache {
  private readonly directories = new Map<string, string | null>();
  private readonly loaded = new Map<string, LoadedConfig>();
  private static readonly NONE: LoadedConfig = { path: undefined, config: DEFAULT_CONFIG, problems: [] };

  /** The config for a checked file (the defaults when none is found). */
  configFor(filePath: string): LoadedConfig {
    const path = findConfig(filePath, this.directories);
    return path ? this.load(path) : ConfigCache.NONE;
  }

  /** One config file, read once. */
  load(path: string): LoadedConfig {
    const key = resolve(path);
    let config = this.loaded.get(key);
    if (!config) this.loaded.set(key, (config = loadConfig(key)));
    return config;
  }

  /** Forgets everything (a config file changed). */
  clear(): void {
    this.directories.clear();
    this.loaded.clear();
  }
}

/** A config problem as one line: `file:line: message`. */
export function formatProblem(problem: ConfigProblem): string {
  return `${problem.file}:${problem.line}: ${problem.message}`;
}
