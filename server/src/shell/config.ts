/**
 * The configuration file shared by the CLI and the language server: `.nianbaorc.json` (JSON with
 * comments, read by jsonc-parser) or the `"nianbao"` key of a `package.json`, found by walking up
 * from the checked file's directory to the filesystem root; the first directory that has one wins,
 * and in one directory `.nianbaorc.json` wins over `package.json`.
 *
 * A config never throws: a syntax error gives the defaults, an ill-typed value its key's default,
 * an unknown rule id or a bad severity is dropped; each is a `ConfigProblem` with the file and
 * the 1-based line, in Chinese then English. Bounded on any file (issue 18): a file above 1 MB or
 * nested deeper than 64 levels is not parsed (a problem says so, the defaults apply), lines are
 * found through one line index, at most 20 problems are listed per file, and every `ignore`
 * pattern is checked before use (`ignore-patterns.ts`). Reads the disk (node:fs) like `walk.ts`;
 * the Node language server reads it asynchronously (`ConfigCache.configForAsync`). The text is
 * checked by `config-parse.ts`, which reads no disk (the browser's language server uses it too).
 */
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { asConfigRead, CONFIG_FILE, DEFAULT_CONFIG, MAX_CONFIG_BYTES, parseConfig, pickConfig, searchConfig, type ConfigRead, type LoadedConfig } from './config-parse.js';
import { readRegularFile, readRegularFileSync } from './read-regular-file.js';

export {
  CONFIG_FILE,
  DEFAULT_CONFIG,
  formatProblem,
  MAX_LISTED_PROBLEMS,
  ruleIds,
  type ConfigProblem,
  type LoadedConfig,
  type NianbaoConfig,
} from './config-parse.js';

function readConfigSync(path: string): ConfigRead {
  return asConfigRead(readRegularFileSync(path, MAX_CONFIG_BYTES));
}

async function readConfig(path: string): Promise<ConfigRead> {
  return asConfigRead(await readRegularFile(path, MAX_CONFIG_BYTES));
}

/** The config file in one directory, if any. */
function configIn(directory: string): string | undefined {
  return pickConfig(directory, readConfigSync(join(directory, CONFIG_FILE)), () => readConfigSync(join(directory, 'package.json')), join) as string | undefined;
}

/** {@link configIn}, reading without blocking. */
async function configInAsync(directory: string): Promise<string | undefined> {
  return pickConfig(directory, await readConfig(join(directory, CONFIG_FILE)), () => readConfig(join(directory, 'package.json')), join);
}

/** The directories from `filePath`'s up to the root. */
function* upwards(filePath: string): Generator<string> {
  let directory = dirname(resolve(filePath));
  for (;;) {
    yield directory;
    const parent = dirname(directory);
    if (parent === directory) return;
    directory = parent;
  }
}

/** The config file that applies to `filePath`: the nearest at or above its directory. */
export function findConfig(filePath: string, cache?: Map<string, string | null>): string | undefined {
  const steps = searchConfig(upwards(filePath), cache);
  let step = steps.next();
  while (!step.done) step = steps.next(configIn(step.value));
  return step.value;
}

/** {@link findConfig}, reading without blocking (the language server). */
export async function findConfigAsync(filePath: string, cache?: Map<string, string | null>): Promise<string | undefined> {
  const steps = searchConfig(upwards(filePath), cache);
  let step = steps.next();
  while (!step.done) step = steps.next(await configInAsync(step.value));
  return step.value;
}

/** Reads and checks one config file (`.nianbaorc.json`, or a package.json's `"nianbao"` key). */
export function loadConfig(path: string): LoadedConfig {
  const file = resolve(path);
  return parseConfig(file, readConfigSync(file));
}

/** {@link loadConfig}, reading without blocking (the language server). */
export async function loadConfigAsync(path: string): Promise<LoadedConfig> {
  const file = resolve(path);
  return parseConfig(file, await readConfig(file));
}

/** Finds and loads configs, each directory looked up and each file read once (one per run, or until `clear`). */
export class ConfigCache {
  private readonly directories = new Map<string, string | null>();
  private readonly loaded = new Map<string, LoadedConfig>();
  private readonly loading = new Map<string, Promise<LoadedConfig>>();
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

  /** {@link configFor}, reading without blocking (the language server). */
  async configForAsync(filePath: string): Promise<LoadedConfig> {
    const path = await findConfigAsync(filePath, this.directories);
    if (!path) return ConfigCache.NONE;
    const key = resolve(path);
    let config = this.loading.get(key);
    if (!config) this.loading.set(key, (config = loadConfigAsync(key)));
    return config;
  }

  /** Forgets everything (a config file changed). */
  clear(): void {
    this.directories.clear();
    this.loaded.clear();
    this.loading.clear();
  }
}

const compiledIgnores = new WeakMap<LoadedConfig, Ignore>();

/**
 * Whether a config's `ignore` globs (relative to its directory) leave out `path`; compiled once
 * per config, however many files are asked about.
 */
export function configIgnores(loaded: LoadedConfig, path: string): boolean {
  const patterns = loaded.config.ignore;
  if (loaded.path === undefined || !patterns || patterns.length === 0) return false;
  const rel = relative(dirname(loaded.path), resolve(path)).split(sep).join('/');
  if (rel === '' || rel.startsWith('../') || isAbsolute(rel)) return false;
  let compiled = compiledIgnores.get(loaded);
  if (!compiled) compiledIgnores.set(loaded, (compiled = ignore().add([...patterns])));
  return compiled.ignores(rel);
}

