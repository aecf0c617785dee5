/**
 * `nianbao check --format docx -o 目录`: one 审核意见 Word document per report with problems
 * (issue 23, `shell/review-docx.ts`), named after its unit and year (「白水镇人民政府2021年度审核意见.docx」,
 * the file's name when the title names no unit; 「（2）」 added when two reports share a name), written
 * atomically into an existing directory, never over an existing file (said, and the run exits 2).
 * The letters are in Chinese whatever --locale says: they go to the units.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { localize, say, type Language, type Severity } from '../core/index.js';
import { reviewDocx, type LetterTable } from '../shell/review-docx.js';
import { writeAtomically } from './atomic-write.js';
import type { BatchFile } from './batch.js';
import { placeOf } from './output.js';
import { problemMarks, type ProblemMark } from './reviewer-marks.js';

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2, hint: 3 };

const FILLS: Readonly<Record<ProblemMark['kind'], string>> = { error: 'F8C9C4', warning: 'FDE9A9', info: 'DBE9F7', hint: 'DBE9F7', blank: 'E4E4E4' };

/** A name safe on Windows and Linux. */
function safeName(text: string): string {
  return [...text].map((c) => (/[\\/:*?"<>|]/.test(c) || c.charCodeAt(0) < 0x20 ? '_' : c)).join('').slice(0, 120);
}

/** What was written and what was refused. */
export interface LettersWritten {
  readonly written: readonly string[];
  /** Messages for standard error. */
  readonly problems: readonly string[];
}

/** Whether -o names an existing directory (the letters' place). */
export function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/** Writes the letters of the reports with problems into `directory`. */
export async function writeLetters(batch: readonly BatchFile[], directory: string, language: Language): Promise<LettersWritten> {
  const written: string[] = [];
  const problems: string[] = [];
  const taken = new Set<string>();
  for (const file of batch.filter((f) => f.state === 'problems')) {
    const unit = file.unit ?? basename(file.file, extname(file.file));
    const stem = safeName(`${unit}${file.year === undefined ? '' : `${file.year}年度`}审核意见`);
    let name = `${stem}.docx`;
    for (let n = 2; taken.has(name); n++) name = `${stem}（${n}）.docx`;
    taken.add(name);
    const path = join(directory, name);
    if (existsSync(path)) {
      problems.push(localize(say(`nianbao: “${path}”已存在，未覆盖（请换一个目录或先删除它）`, `nianbao: “${path}” exists and was not replaced (use another directory or remove it)`), language));
      continue;
    }
    // Numbered as the letter lists them: errors first, then warnings, then notes.
    const ordered = [...file.problems].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
    const marks = problemMarks(ordered);
    const tables: LetterTable[] = (file.tables ?? []).flatMap((table) => {
      const own = marks.get(table.id);
      if (!own || own.size === 0) return [];
      return [{ ...table, marks: new Map([...own].map(([key, m]) => [key, { fill: FILLS[m.kind], ...(m.note ? { note: m.note } : {}) }])) }];
    });
    const bytes = await reviewDocx({
      unit,
      ...(file.year !== undefined ? { year: file.year } : {}),
      file: basename(file.file),
      problems: ordered.map((p, i) => ({ severity: p.severity, where: placeOf(p.findings[0]!, 'zh'), message: p.message, number: i + 1 })),
      tables,
    });
    try {
      writeAtomically(path, bytes);
      written.push(path);
    } catch (error) {
      problems.push(localize(say(`nianbao: 无法写入“${path}”（${(error as Error).message}）`, `nianbao: cannot write “${path}” (${(error as Error).message})`), language));
    }
  }
  return { written, problems };
}
