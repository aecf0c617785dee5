/**
 * The host (../host.ts) of the language server in a browser's web worker, which has no disk: the
 * workspace's files come from the client, which answers `FIND_FILES_REQUEST` with
 * `vscode.workspace.findFiles`, `STAT_REQUEST` and `READ_FILE_REQUEST` with `vscode.workspace.fs`,
 * and reads nothing outside the workspace folders nor through a symbolic link (client/src/
 * workspace-files.ts). What the Node server does on disk is done here on those answers: the
 * ignore files applied (`shell/ignore-rules.ts` on the URIs' paths), the search bounded, the size
 * cap checked before a file is sent, a config file looked for from the document's directory up
 * and read by `shell/config-parse.ts`. Portable: it runs in Node too, where the unit tests drive
 * it with a client that answers from disk.
 */
import type { Connection } from 'vscode-languageserver';
import { ruleById } from '../../core/index.js';
import { asConfigRead, MAX_CONFIG_BYTES, parseConfig, pickConfig, searchConfig, type LoadedConfig } from '../../shell/config-parse.js';
import { IGNORE_FILE_MAX_BYTES, isMarkdownName, TreeIgnoreRules, type IgnoreFileProblem } from '../../shell/ignore-rules.js';
import type { ReadRefusal } from '../../shell/read-refusal.js';
import { decodeBase64, FIND_FILES_REQUEST, READ_FILE_REQUEST, STAT_REQUEST, type ReadFileParams, type ReadRefusalWire } from '../../protocol.js';
import type { FileRead, FileStamp, SearchLimits, ServerFiles, ServerHost } from '../host.js';
import { sendRequest } from '../messages.js';
import { URI, URI_PATHS } from '../uri.js';

/** Ignore files read per workspace folder at most (a real workspace has a handful). */
export const MAX_IGNORE_FILES = 200;

/** A refusal of the client as the server's reader says it (`outside` the workspace: as no file). */
function refusalOf(wire: ReadRefusalWire): ReadRefusal {
  switch (wire.kind) {
    case 'outside':
      return { kind: 'missing' };
    case 'not-regular':
      return { kind: 'not-regular', what: wire.what };
    default:
      return wire;
  }
}

/** What the client answered: the bytes, or its refusal as it said it. */
type WireRead = { readonly ok: true; readonly data: Uint8Array; readonly size: number } | { readonly ok: false; readonly refusal: ReadRefusalWire };

function asFileRead(read: WireRead): FileRead {
  return read.ok ? read : { ok: false, refusal: refusalOf(read.refusal) };
}

/** Whether `uri` lies in the folder whose path is `root`, at most `maxDepth` directories below it. */
function within(path: string, root: string, maxDepth: number): boolean {
  const rel = URI_PATHS.relative(root, path);
  return rel !== '' && !rel.startsWith('..') && rel.split('/').length <= maxDepth + 1;
}

/** The workspace's files, as the client reads them. */
export class ClientFiles implements ServerFiles {
  /** Each look at a file is a round trip to the client: a file read holds until its change is announced. */
  readonly changesAnnounced = true;
  /** Each directory looked in for a config, with the config found there or above (null: none). */
  private readonly configDirectories = new Map<string, string | null>();
  private readonly configs = new Map<string, Promise<LoadedConfig>>();

  constructor(private readonly connection: Connection) {}

  async markdownFiles(folders: readonly string[], limits: SearchLimits, onIgnoreProblem?: IgnoreFileProblem): Promise<string[]> {
    const found: string[] = [];
    for (const folder of folders) {
      const left = limits.maxFiles - found.length;
      if (left <= 0) break;
      let listed;
      try {
        listed = await sendRequest(this.connection, FIND_FILES_REQUEST, { folder, maxFiles: left });
      } catch {
        continue; // A folder the client cannot search has no reports to offer.
      }
      const root = URI_PATHS.resolve(URI.path(folder));
      const ignoreTexts = new Map<string, string>();
      for (const file of listed.ignoreFiles.slice(0, MAX_IGNORE_FILES)) {
        const read = await this.read(file, IGNORE_FILE_MAX_BYTES);
        if (read.ok) ignoreTexts.set(URI_PATHS.resolve(URI.path(file)), new TextDecoder().decode(read.data));
      }
      const rules = new TreeIgnoreRules(root, URI_PATHS, (path) => ignoreTexts.get(path), onIgnoreProblem);
      const files = listed.markdown
        .map((uri) => ({ uri, path: URI_PATHS.resolve(URI.path(uri)) }))
        .filter(({ path }) => isMarkdownName(path) && within(path, root, limits.maxDepth) && !rules.ignores(path))
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      found.push(...files.slice(0, left).map((f) => f.uri));
    }
    return found;
  }

  async stat(uri: string): Promise<FileStamp | undefined> {
    try {
      const stat = await sendRequest(this.connection, STAT_REQUEST, { uri });
      return stat ? { mtime: stat.mtime, size: stat.size } : undefined;
    } catch {
      return undefined;
    }
  }

  read(uri: string, limit: number): Promise<FileRead> {
    return this.request({ uri, limit }).then(asFileRead);
  }

  readHead(uri: string, bytes: number, cap: number): Promise<FileRead> {
    return this.request({ uri, limit: bytes, head: true, cap }).then(asFileRead);
  }

  async readToImport(uri: string, _folders: readonly string[], limit: number): Promise<FileRead | 'outside'> {
    const read = await this.request({ uri, limit });
    if (read.ok) return read;
    // The client reads only inside the workspace folders and never through a link: a link may lead out.
    if (read.refusal.kind === 'outside' || (read.refusal.kind === 'not-regular' && read.refusal.what === 'link')) return 'outside';
    return { ok: false, refusal: refusalOf(read.refusal) };
  }

  private async request(params: ReadFileParams): Promise<WireRead> {
    const { limit } = params;
    try {
      const answer = await sendRequest(this.connection, READ_FILE_REQUEST, params);
      if ('refusal' in answer) return { ok: false, refusal: answer.refusal };
      const data = decodeBase64(answer.data);
      // The client sends no more than asked; a larger answer is refused here, not trusted.
      if (data.length > limit) return { ok: false, refusal: { kind: 'too-large', size: answer.size, limit } };
      return { ok: true, data, size: answer.size };
    } catch (error) {
      return { ok: false, refusal: { kind: 'unreadable', detail: error instanceof Error ? error.message : String(error) } };
    }
  }

  async configOf(uri: string): Promise<LoadedConfig | undefined> {
    const steps = searchConfig(URI.directories(uri), this.configDirectories);
    let step = steps.next();
    while (!step.done) {
      const directory = step.value;
      const configRead = async (name: string) => asConfigRead(await this.read(URI.join(directory, name), MAX_CONFIG_BYTES));
      step = steps.next(await pickConfig(directory, await configRead('.nianbaorc.json'), () => configRead('package.json'), URI.join));
    }
    const path = step.value;
    if (path === undefined) return undefined;
    let config = this.configs.get(path);
    if (!config) this.configs.set(path, (config = this.read(path, MAX_CONFIG_BYTES).then((read) => parseConfig(path, asConfigRead(read)))));
    return config;
  }

  forgetConfigs(): void {
    this.configDirectories.clear();
    this.configs.clear();
  }

  name(uri: string): string {
    return uri;
  }

  display(uri: string, folders: readonly string[]): string {
    const path = URI_PATHS.resolve(URI.path(uri));
    for (const folder of folders) {
      const root = URI_PATHS.resolve(URI.path(folder));
      if (URI.root(uri) === URI.root(folder) && within(path, root, Infinity)) return URI_PATHS.relative(root, path);
    }
    return uri;
  }
}

/** The host of the server in a browser's web worker: files through the client, rule pages in the installed extension. */
export function browserHost(connection: Connection): ServerHost {
  let extensionUri: string | undefined;
  return {
    files: new ClientFiles(connection),
    initialize(options) {
      extensionUri = options?.extensionUri;
    },
    // The page served with the extension (vscode.dev: its CDN; test-web: its server): opened as a web page.
    ruleUrl: (rule) => (extensionUri !== undefined && ruleById(rule) ? URI.join(extensionUri, `docs/rules/${rule}.md`) : undefined),
    collectGarbage: undefined,
    // pdfjs is 3 MB and Node-bound here; a PDF import says where it can be done (import-draft.ts).
    readOtherFile: undefined,
  };
}
