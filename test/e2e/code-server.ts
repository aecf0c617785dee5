/**
 * Starting code-server (a complete VS Code, installed by scripts/e2e-setup.sh) and Debian's
 * Chromium through playwright-core, as ../../../shared/testing/real-vscode.md describes. Shared by
 * the suite runner and the UI test.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { ROOT } from './workspace.js';

/** What scripts/e2e-setup.sh installed (its env.json). */
export interface E2eEnv {
  readonly cache: string;
  readonly node24: string;
  readonly codeServer: string;
  readonly codeServerVersion: string;
  readonly chromium: string;
}

/** Where screenshots and logs are kept (ignored by git). */
export const RESULTS = join(ROOT, 'test-results', 'e2e');

/** The env.json written by the setup; a clear error naming what to run when it is missing. */
export function loadEnv(): E2eEnv {
  const file = process.env.NIANBAO_E2E_ENV ?? join(process.env.NIANBAO_E2E_CACHE ?? join(homedir(), '.cache', 'nianbao-e2e'), 'env.json');
  if (!existsSync(file)) throw new Error(`setup missing: ${file} does not exist; run scripts/e2e-setup.sh (or npm run test:e2e, which runs it)`);
  const env = JSON.parse(readFileSync(file, 'utf8')) as E2eEnv;
  for (const [what, path] of [
    ['Node 24', env.node24],
    ['code-server', env.codeServer],
    ['Chromium', env.chromium],
  ] as const) {
    if (!existsSync(path)) throw new Error(`setup missing: ${what} is not at ${path}; run scripts/e2e-setup.sh`);
  }
  return env;
}

/** A quiet, repeatable workbench: no AI entries in the Ctrl+. menu, no start page, no updates. */
export function writeUserSettings(userDataDir: string, extra: Record<string, unknown> = {}): void {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  const settings = {
    'chat.disableAIFeatures': true,
    'workbench.startupEditor': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'telemetry.telemetryLevel': 'off',
    'security.workspace.trust.enabled': false,
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'update.mode': 'none',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    ...extra,
  };
  writeFileSync(join(userDataDir, 'User', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
}

/** Installs a .vsix into an extensions folder (offline, under a second). */
export function installVsix(env: E2eEnv, vsix: string, extensionsDir: string): void {
  const result = spawnSync(env.node24, [env.codeServer, '--extensions-dir', extensionsDir, '--install-extension', vsix], { encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0 || !/successfully installed/i.test(result.stdout + result.stderr)) {
    throw new Error(`code-server could not install ${vsix} (exit ${result.status}): ${result.stdout}${result.stderr}`);
  }
}

export interface CodeServer {
  readonly port: number;
  readonly process: ChildProcess;
  /** Everything code-server printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts code-server on 127.0.0.1 with an OS-chosen port; resolves once it listens. */
export async function startCodeServer(
  env: E2eEnv,
  options: { userDataDir: string; extensionsDir: string; args?: string[]; timeoutMs?: number },
): Promise<CodeServer> {
  const args = [
    env.codeServer,
    '--auth',
    'none',
    '--bind-addr',
    '127.0.0.1:0',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir',
    options.userDataDir,
    '--extensions-dir',
    options.extensionsDir,
    ...(options.args ?? []),
  ];
  const child = spawn(env.node24, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start listening within ${options.timeoutMs ?? 60_000} ms:\n${output}`)), options.timeoutMs ?? 60_000);
    const onData = (data: Buffer): void => {
      output += data.toString();
      const m = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
  return {
    port,
    process: child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Debian's Chromium, headless, with nothing that reaches the network. */
export function launchChromium(env: E2eEnv): Promise<Browser> {
  return chromium.launch({
    executablePath: env.chromium,
    headless: true,
    timeout: 60_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=en-US'],
  });
}

/** Rejects after `ms` with `message` unless `promise` settles first. */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${message} (timed out after ${Math.round(ms / 1000)} s)`)), ms);
    }),
  ]);
}
