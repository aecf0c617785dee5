/**
 * Why a file was not read, and how that is said: shared by the reader of files on disk
 * (`read-regular-file.ts`, Node) and the language server's reads through the client
 * (`server/browser/`, a browser), which refuse the same things in the same words. No file access.
 */

/** The default size cap: far above any real report (the largest seen is about 200 KB). */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Why a file was not read. */
export type ReadRefusal =
  | { readonly kind: 'missing' }
  | { readonly kind: 'loop' }
  | { readonly kind: 'not-regular'; readonly what: 'directory' | 'fifo' | 'device' | 'socket' | 'link' | 'other' }
  | { readonly kind: 'too-large'; readonly size: number; readonly limit: number }
  | { readonly kind: 'unreadable'; readonly detail: string };

function megabytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const WHAT = {
  directory: { zh: '是目录', en: 'is a directory' },
  fifo: { zh: '是命名管道（FIFO）', en: 'is a named pipe (FIFO)' },
  device: { zh: '是设备文件', en: 'is a device' },
  socket: { zh: '是套接字', en: 'is a socket' },
  // Only the browser's server refuses one: its client cannot tell where a link leads (on disk, the reader follows it to a regular file).
  link: { zh: '是符号链接（在浏览器中不跟随）', en: 'is a symbolic link (not followed in a browser)' },
  other: { zh: '不是普通文件', en: 'is not a regular file' },
} as const;

/** Why a file was not read, in the user's language, without the path (the caller names it). */
export function describeRefusal(refusal: ReadRefusal, language: 'zh' | 'en'): string {
  const zh = language === 'zh';
  switch (refusal.kind) {
    case 'missing':
      return zh ? '文件不存在' : 'does not exist';
    case 'loop':
      return zh ? '符号链接形成循环' : 'is a symbolic link loop';
    case 'not-regular':
      return `${WHAT[refusal.what][language]}${zh ? '，不是普通文件，已跳过' : ', not a regular file: skipped'}`;
    case 'too-large':
      return zh
        ? `文件过大（${megabytes(refusal.size)}，上限 ${megabytes(refusal.limit)}），已跳过`
        : `is too large (${megabytes(refusal.size)}, the limit is ${megabytes(refusal.limit)}): skipped`;
    case 'unreadable':
      return zh ? `无法读取（${refusal.detail}）` : `cannot be read (${refusal.detail})`;
  }
}
