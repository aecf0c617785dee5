/**
 * What a file's name says it is (issue 22): pure, so the browser's import (import-draft.ts) and
 * the CLI's batch (read-source.ts) tell files apart by the same extensions.
 */
import type { ReportForm } from './source-map.js';

/** What a file's name says it is: a form the checker reads, an old Word or WPS file, or nothing of these. */
export type FileKind = ReportForm | 'doc' | 'wps';

/** The kind of a file by its extension (case ignored). */
export function kindOfName(name: string): FileKind | undefined {
  const m = /\.([a-z0-9]+)$/i.exec(name);
  switch (m?.[1]?.toLowerCase()) {
    case 'md':
    case 'markdown':
      return 'markdown';
    case 'txt':
      return 'text';
    case 'docx':
      return 'docx';
    case 'html':
    case 'htm':
    case 'shtml':
    case 'xhtml':
      return 'html';
    case 'pdf':
      return 'pdf';
    case 'doc':
      return 'doc';
    case 'wps':
    case 'wpt':
      return 'wps';
    default:
      return undefined;
  }
}
