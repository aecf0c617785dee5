/**
 * The config file's text checked into a config, and the choice of which file of a directory is
 * the config: the part of `config.ts` that reads no disk, shared by the CLI and the Node language
 * server (which read files through `config.ts`) and the browser's language server (which reads
 * them through the client, `server/browser/`). The rules of the file are described in `config.ts`.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { isSeveritySetting, LineIndex, RULES, type FormatId, type RuleSettings, type SeveritySetting } from '../core/index.js';
import { usablePatterns } from './ignore-patterns.js';
import { MAX_JSON_DEPTH, tooDeepAt } from './json-depth.js';
import { describeRefusal, type ReadRefusal } from './read-refusal.js';

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

/** A config file is small; anything larger, or a FIFO or device by that name, is not read (issue 14), and says so (issue 18). */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** Problems listed per config file; the rest are counted in one more line. */
export const MAX_LISTED_PROBLEMS = 20;

/** A config file as read: its text, or why it was not read (undefined: there is none). */
export type ConfigRead = { readonly text: string } | { readonly refusal: ReadRefusal } | undefined;

/** What reading a config file gave: its bytes, or why it was not read. */
export type ConfigBytes = { readonly ok: true; readonly data: Uint8Array } | { readonly ok: false; readonly refusal: ReadRefusal };

/**
 * A FIFO, device or directory by a config's name is no config (issue 14); a config file too large
 * or not readable is one, whose problem is told rather than passed over in silence (issue 18).
 */
export function asConfigRead(read: ConfigBytes): ConfigRead {
  if (read.ok) return { text: new TextDecoder().decode(read.data) };
  return read.refusal.kind === 'too-large' || read.refusal.kind === 'unreadable' ? { refusal: read.refusal } : undefined;
}

/** Whether a package.json has a `"nianbao"` key at the top (one nested too deep to parse: whether it names one). */
function packageHasKey(text: string): boolean {
  if (tooDeepAt(text) !== undefined) return /"nianbao"\s*:/.test(text);
  const tree = parseTree(text, [], { allowTrailingComma: true });
  return tree !== undefined && findNodeAtLocation(tree, ['nianbao']) !== undefined;
}

/**
 * Which file of one directory is its config, from what reading each gave: `.nianbaorc.json`
 * when there is one (even one too large or unreadable: its problem is then told), else a
 * package.json with a `"nianbao"` key (or one too large to tell).
 */
export function pickConfig(
  directory: string,
  rc: ConfigRead,
  pkg: () => ConfigRead | Promise<ConfigRead>,
  join: (directory: string, name: string) => string,
): string | undefined | Promise<string | undefined> {
  if (rc !== undefined) return join(directory, CONFIG_FILE);
  const decide = (read: ConfigRead): string | undefined =>
    read === undefined || ('text' in read && !packageHasKey(read.text)) || ('refusal' in read && read.refusal.kind !== 'too-large') ? undefined : join(directory, 'package.json');
  const read = pkg();
  return read instanceof Promise ? read.then(decide) : decide(read);
}

/**
 * The search for a config among `directories` (a file's own, then each above it), shared by the
 * readers of the disk and of the client's workspace: it yields each directory to look in, is told
 * which config file that directory holds, and returns the one that applies; every directory it
 * looked in is cached with the answer.
 */
export function* searchConfig(
  directories: Iterable<string>,
  cache: Map<string, string | null> | undefined,
): Generator<string, string | undefined, string | undefined> {
  const visited: string[] = [];
  let found: string | undefined;
  for (const directory of directories) {
    const cached = cache?.get(directory);
    if (cached !== undefined) {
      found = cached ?? undefined;
      break;
    }
    visited.push(directory);
    found = yield directory;
    if (found) break;
  }
  for (const d of visited) cache?.set(d, found ?? null);
  return found;
}

/** At most {@link MAX_LISTED_PROBLEMS} problems, and one more line counting the rest. */
function listed(file: string, problems: ConfigProblem[]): ConfigProblem[] {
  if (problems.length <= MAX_LISTED_PROBLEMS) return problems;
  const rest = problems.length - MAX_LISTED_PROBLEMS;
  const next = problems[MAX_LISTED_PROBLEMS]!;
  return [
    ...problems.slice(0, MAX_LISTED_PROBLEMS),
    { file, line: next.line, message: `另有 ${rest} 个问题未列出（从第 ${next.line} 行起），均已按上述方式处理 / ${rest} more problem(s) from line ${next.line} on are not listed; each was handled as above` },
  ];
}

/** A config file's text (or why there is none to read) checked into a config. Never throws. */
export function parseConfig(file: string, read: ConfigRead): LoadedConfig {
  const problems: ConfigProblem[] = [];
  if (read !== undefined && 'refusal' in read && read.refusal.kind === 'too-large') {
    const size = (n: number): string => `${(n / (1024 * 1024)).toFixed(1)} MB`;
    const { size: actual, limit } = read.refusal;
    return { path: file, config: DEFAULT_CONFIG, problems: [{ file, line: 1, message: `配置文件过大（${size(actual)}，上限 ${size(limit)}），未读取，使用默认设置 / the config file is too large (${size(actual)}, the limit is ${size(limit)}); it was not read and the defaults apply` }] };
  }
  if (read === undefined || 'refusal' in read) {
    const why = read === undefined ? { zh: '文件不存在', en: 'does not exist' } : { zh: describeRefusal(read.refusal, 'zh'), en: describeRefusal(read.refusal, 'en') };
    return { path: file, config: DEFAULT_CONFIG, problems: [{ file, line: 1, message: `无法读取配置文件（${why.zh}），使用默认设置 / cannot read the config file (it ${why.en}); the defaults apply` }] };
  }
  const { text } = read;
  const lines = new LineIndex(text);
  const lineOf = (offset: number): number => lines.lineAt(Math.min(offset, text.length)) + 1;
  const deep = tooDeepAt(text);
  if (deep !== undefined) {
    return {
      path: file,
      config: DEFAULT_CONFIG,
      problems: [{ file, line: lineOf(deep), message: `配置文件嵌套超过 ${MAX_JSON_DEPTH} 层，整个文件被忽略，使用默认设置 / the config file nests deeper than ${MAX_JSON_DEPTH} levels; it is ignored and the defaults apply` }],
    };
  }
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !tree) {
    const first = errors[0];
    const code = first ? printParseErrorCode(first.error) : 'ValueExpected';
    return {
      path: file,
      config: DEFAULT_CONFIG,
      problems: [{ file, line: lineOf(first?.offset ?? 0), message: `配置文件不是有效的 JSON（${code}），整个文件被忽略，使用默认设置 / the config file is not valid JSON (${code}); it is ignored and the defaults apply` }],
    };
  }
  const isPackage = /(^|[\\/])package\.json$/.test(file);
  const root = isPackage ? findNodeAtLocation(tree, ['nianbao']) : tree;
  const at = (node: Node | undefined): number => lineOf(node?.offset ?? 0);
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
        if (key === 'files') {
          config.files = items.map((item) => String(item.value));
          break;
        }
        // Each pattern checked before use: one that cannot compile would stop every check.
        const usable = usablePatterns(items.map((item) => ({ text: String(item.value), line: at(item) })));
        for (const problem of usable.problems) problems.push({ file, line: problem.line, message: `“${prefix}ignore”中的${problem.message}` });
        config.ignore = usable.patterns;
        break;
      }
      default:
        bad(`未知的配置项“${prefix}${key}”（应为 ${KEYS.slice(1).join('、')} 之一），已忽略`, `unknown key “${prefix}${key}” (expected one of ${KEYS.slice(1).join(', ')}); ignored`, property);
    }
  }
  return { path: file, config, problems: listed(file, problems) };
}

/** A config problem as one line: `file:line: message`. */
export function formatProblem(problem: ConfigProblem): string {
  return `${problem.file}:${problem.line}: ${problem.message}`;
}
