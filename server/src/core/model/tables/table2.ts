/**
 * Reads 表二 (formats.md §4.1, §5.1): sub-tables introduced by their 第二十条第（X）项 title
 * row and a 信息内容 header row, written as one GFM table or as one GFM table per item with the
 * title as a heading, bold line or paragraph before it (markdown-convention.md "Tables").
 */
import { TABLE2_CONTENT_HEADER, TABLE2_ITEMS } from '../../formats/table2.js';
import type { Table2ItemDef } from '../../formats/types.js';
import type { LineIndex, TextRange } from '../../text/lines.js';
import { labelKey } from '../../text/normalize.js';
import { parseChineseNumeral } from '../../text/numerals.js';
import type { Grid, GridCell } from '../grid.js';
import { assembleTable, candidatesOf, claimColumn, labelFromCell, observeCell } from './common.js';
import { cachedKey, matchExact, matchFuzzy, type LabelCandidate } from './match.js';
import { cellKey, type ObservedCell, type ObservedLabel, type ObservedRow, type ObservedTable } from './types.js';

/** A GFM table of 表二 and the item title written just before it, if any. */
export interface Table2Segment {
  readonly grid: Grid;
  readonly title?: { readonly text: string; readonly range: TextRange };
}

const ITEM_TITLE = /二十条第?\(?([一二三四五六七八九十]+)\)?项/;
const CONTENT_KEY = cachedKey(TABLE2_CONTENT_HEADER);
const ITEM_CANDIDATES = candidatesOf('table2', (e) => e.role === 'item');

/** The item a title names, if the text is a 第二十条 item title. */
export function itemOfTitle(text: string): Table2ItemDef | 'unknown' | undefined {
  const m = ITEM_TITLE.exec(labelKey(text));
  if (!m) return undefined;
  const value = parseChineseNumeral(m[1]!);
  return TABLE2_ITEMS.find((item) => parseChineseNumeral(item.numeral) === value) ?? 'unknown';
}

/** True when a cell text is a label of 表二 (title, 信息内容, a row or column label). */
export function isTable2Label(text: string): boolean {
  const key = labelKey(text);
  return itemOfTitle(text) !== undefined || key === CONTENT_KEY || ROW_CANDIDATES.some((c) => cachedKey(c.text) === key);
}

const ROW_CANDIDATES = candidatesOf('table2', (e) => e.role === 'row');
const COLUMN_CANDIDATES = candidatesOf('table2', (e) => e.role === 'column');

function ofItem(candidates: readonly LabelCandidate[], item: string): LabelCandidate[] {
  return candidates.filter((c) => c.key.startsWith(`${item}.`));
}

/** Reads 表二 from its segments. */
export function readTable2(segments: readonly Table2Segment[], index: LineIndex): ObservedTable {
  const labels: ObservedLabel[] = [];
  const rows: ObservedRow[] = [];
  const cells = new Map<string, ObservedCell>();
  const present = new Set<string>();
  const unknownRows: ObservedLabel[] = [];
  const duplicateRows: ObservedLabel[] = [];
  let item: Table2ItemDef | undefined;
  let columns = new Map<string, number>();

  const startItem = (def: Table2ItemDef | 'unknown', cell: GridCell): void => {
    if (def === 'unknown') {
      unknownRows.push(labelFromCell('item', cell, undefined, index));
      item = undefined;
      return;
    }
    item = def;
    columns = new Map();
    const match = matchExact(cell.text, ITEM_CANDIDATES.filter((c) => c.key === def.key));
    const label = labelFromCell('item', cell, { candidate: match?.candidate ?? ITEM_CANDIDATES.find((c) => c.key === def.key)!, quality: 'exact' }, index);
    labels.push(label);
    present.add(def.key);
  };

  for (const segment of segments) {
    if (segment.title) {
      const def = itemOfTitle(segment.title.text);
      if (def) startItem(def, { inner: segment.title.range, content: segment.title.range, text: segment.title.text });
    }
    for (const row of segment.grid.rows) {
      const first = row.cells.findIndex((c) => c.text !== '');
      if (first === -1) continue;
      const head = row.cells[first]!;
      const title = itemOfTitle(head.text);
      if (title) {
        startItem(title, head);
        continue;
      }
      if (labelKey(head.text) === CONTENT_KEY) {
        if (!item) {
          item = inferItemFromColumns(row.cells.slice(first + 1), present);
          if (item) present.add(item.key);
        }
        if (!item) continue;
        const candidates = ofItem(COLUMN_CANDIDATES, item.key);
        row.cells.forEach((cell, j) => {
          if (j <= first || cell.text === '') return;
          const unmatched = candidates.filter((c) => !columns.has(c.key));
          const match = matchExact(cell.text, candidates) ?? matchFuzzy(cell.text, unmatched);
          const label = labelFromCell('column', cell, match, index);
          labels.push(label);
          if (!match) unknownRows.push(label);
          else if (claimColumn(columns, match.candidate.key, j)) present.add(match.candidate.key);
        });
        continue;
      }
      let match = item ? matchExact(head.text, ofItem(ROW_CANDIDATES, item.key)) : undefined;
      if (!match) {
        const elsewhere = matchExact(head.text, ROW_CANDIDATES);
        const owner = elsewhere && TABLE2_ITEMS.find((i) => elsewhere.candidate.key.startsWith(`${i.key}.`));
        if (owner && owner !== item) {
          item = owner;
          columns = new Map();
          present.add(owner.key);
        }
        match = elsewhere;
      }
      if (!match && item) match = matchFuzzy(head.text, ofItem(ROW_CANDIDATES, item.key).filter((c) => !present.has(c.key)));
      const label = labelFromCell('row', head, match, index);
      labels.push(label);
      if (!match || !item) {
        unknownRows.push(label);
        continue;
      }
      const key = match.candidate.key;
      if (present.has(key)) {
        duplicateRows.push(label);
        continue;
      }
      present.add(key);
      const missingCells: string[] = [];
      for (const column of item.columns) {
        const columnKey = `${item.key}.${column.key}`;
        const j = columns.get(columnKey);
        if (j === undefined) continue;
        const cell = row.cells[j];
        if (!cell) {
          missingCells.push(columnKey);
          continue;
        }
        cells.set(cellKey(key, columnKey), observeCell(key, columnKey, column.kind, cell, row.line));
      }
      rows.push({ key, label, line: row.line, range: row.range, cellCount: row.cells.length, missingCells, labelColumns: first + 1 });
    }
  }
  const start = Math.min(...segments.map((s) => s.title?.range.start ?? s.grid.range.start));
  return assembleTable('table2', segments.map((s) => s.grid), start, { labels, rows, cells, present, unknownRows, duplicateRows });
}

function inferItemFromColumns(cells: readonly GridCell[], seen: ReadonlySet<string>): Table2ItemDef | undefined {
  let best: Table2ItemDef | undefined;
  let bestCount = 0;
  for (const def of TABLE2_ITEMS) {
    if (seen.has(def.key)) continue;
    const candidates = ofItem(COLUMN_CANDIDATES, def.key);
    const count = cells.filter((c) => c.text !== '' && matchExact(c.text, candidates)).length;
    if (count > bestCount) {
      best = def;
      bestCount = count;
    }
  }
  return best;
}
