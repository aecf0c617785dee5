/**
 * The report model: the draft parsed once and read as a structured report — title, report
 * year and its evidence, the format the year requires, the six sections, the three standard
 * tables with every cell on its standard row and column.
 */
import { requiredFormat } from '../formats/versions.js';
import type { FormatId, TableId } from '../formats/types.js';
import { LineIndex, detectEol } from '../text/lines.js';
import { collectBlocks, type DocumentBlocks } from './blocks.js';
import { joinRowsAcrossDirectives } from './directive-rows.js';
import type { Grid } from './grid.js';
import { guardInput, type InputLimit } from './input-guard.js';
import { parseTopLevel } from './markdown.js';
import { withOtherTables } from './other-tables.js';
import { findSections, type SectionAnalysis } from './sections.js';
import { classifyGrid, readTables } from './tables/detect.js';
import { findUnreadTables, type UnreadTable } from './unread-tables.js';
import type { ObservedTable } from './tables/types.js';
import { findReportYear, findTitle, type ReportYear, type Title } from './title-year.js';

/** A draft read as a structured report. */
export interface Report {
  readonly text: string;
  readonly lines: LineIndex;
  /** The line break the draft uses; inserted text uses it too. */
  readonly eol: string;
  readonly blocks: DocumentBlocks;
  readonly title: Title | undefined;
  readonly year: ReportYear;
  /** The format the report year requires (formats.md §1.3). */
  readonly requiredFormat: FormatId | undefined;
  readonly sections: SectionAnalysis;
  readonly tables: Readonly<Partial<Record<TableId, ObservedTable>>>;
  /** Blocks that look like a table but are none of the standard tables nianbao reads (an image, an unknown layout). */
  readonly unreadTables: readonly UnreadTable[];
  /** The format the tables use: one format, both (mixed), or none that tells (common). */
  readonly tablesFormat: FormatId | 'mixed' | 'common';
  /** Whether the draft is a 政府信息公开工作年度报告 at all (by its title or its structure). */
  readonly isAnnualReport: boolean;
  /**
   * The bound of the input guard (input-guard.ts) the draft exceeded: it was not parsed, the
   * model is empty, and only the rule `document-too-complex` reads it.
   */
  readonly inputLimit?: InputLimit;
}

function combinedFormat(tables: readonly ObservedTable[]): Report['tablesFormat'] {
  const formats = new Set<FormatId>();
  for (const table of tables) {
    if (table.usedFormat === 'mixed') return 'mixed';
    if (table.usedFormat !== 'common') formats.add(table.usedFormat);
  }
  if (formats.size === 2) return 'mixed';
  return formats.size === 1 ? [...formats][0]! : 'common';
}

/** Whether a title says the draft is a 政府信息公开工作年度报告. */
function titleSaysSo(title: string): boolean {
  return /政府信息公开/.test(title) && /年度报告|年报|工作报告/.test(title);
}

/** How many non-blank lines at the top of an unparsed draft may hold its title. */
const TITLE_LINES = 10;

/**
 * Whether an unparsed draft is a report: one of its first non-blank lines reads as its title.
 * The CLI and the server check only reports (unless named or configured), so without this a
 * pathological report would get no finding at all.
 */
function unparsedIsReport(lines: LineIndex): boolean {
  let seen = 0;
  for (let line = 0; line < lines.lineCount && seen < TITLE_LINES; line++) {
    const source = lines.lineText(line).slice(0, 400);
    if (source.trim() === '') continue;
    seen++;
    if (titleSaysSo(source)) return true;
  }
  return false;
}

/** The model of a draft the guard keeps from the parse: nothing read but its text and lines. */
function unparsedReport(text: string, lines: LineIndex, inputLimit: InputLimit): Report {
  return {
    text,
    lines,
    eol: detectEol(text),
    blocks: { blocks: [], lines: [], endsOpen: false },
    title: undefined,
    year: { year: undefined, titleYear: undefined, period: undefined, textYear: undefined },
    requiredFormat: undefined,
    sections: { sections: [], duplicates: [], style: undefined },
    tables: {},
    unreadTables: [],
    tablesFormat: 'common',
    isAnnualReport: unparsedIsReport(lines),
    inputLimit,
  };
}

/** Reads a draft. Never throws on any input text. */
export function buildReport(text: string): Report {
  const lines = new LineIndex(text);
  // Before the one parse, whose cost on some shapes is quadratic (input-guard.ts).
  const limit = guardInput(text, lines);
  if (limit) return unparsedReport(text, lines, limit);
  const isStandard = (grid: Grid): boolean => classifyGrid(grid) !== undefined;
  const other = withOtherTables(joinRowsAcrossDirectives(parseTopLevel(text, lines), text, lines), text, lines, isStandard);
  if (other.overBudget) {
    // Merged cells that expand past the budget: the draft is not read further, as past the guard.
    const line = lines.lineAt(other.overBudget.offset);
    const range = { start: lines.lineStart(line), end: lines.lineEnd(line) };
    return unparsedReport(text, lines, { kind: 'tableSlots', line, range, value: other.overBudget.slots, limit: other.overBudget.limit });
  }
  const blocks = collectBlocks(other.nodes, text, lines);
  const title = findTitle(blocks.blocks, lines);
  const year = findReportYear(text, blocks.blocks, title);
  const sections = findSections(blocks.lines, text.length);
  const sectionStarts = [...sections.sections, ...sections.duplicates].map((s) => s.heading.range.start);
  const tables = readTables(blocks.blocks, blocks.lines, sectionStarts, lines);
  const titled = title !== undefined && titleSaysSo(title.text);
  const numbered = sections.sections.filter((s) => s.numbering.kind === 'chinese' && s.numbering.value === s.def.index).length;
  return {
    text,
    lines,
    eol: detectEol(text),
    blocks,
    title,
    year,
    requiredFormat: year.year === undefined ? undefined : requiredFormat(year.year),
    sections,
    tables,
    unreadTables: findUnreadTables(blocks.blocks, other.unread, isStandard, text),
    tablesFormat: combinedFormat(Object.values(tables)),
    isAnnualReport: titled || numbered >= 4 || Object.keys(tables).length >= 2,
  };
}
