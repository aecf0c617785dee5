/**
 * Recognises the six standard sections among the heading candidates, whatever their markup,
 * numbering or wording (markdown-convention.md "Headings"), without taking a sub-item that
 * repeats a section's name for the section (EXPECTED.md, seed 000 lines 41 and 49).
 *
 * Each candidate line gets a score; the document's own heading style (the markup its
 * correctly numbered section headings use) decides which other lines may be sections.
 */
import { SECTIONS, type SectionDef } from '../formats/sections.js';
import { labelKey } from '../text/normalize.js';
import { similarity } from '../text/similarity.js';
import type { TextRange } from '../text/lines.js';
import type { HeadingLine } from './blocks.js';
import { readNumbering, type Numbering } from './numbering.js';

/** How a heading's wording compares with the standard title. */
export type Wording = 'standard' | 'variant' | 'fuzzy';

/** A section heading found in the draft. */
export interface SectionHeading {
  readonly def: SectionDef;
  readonly heading: HeadingLine;
  readonly numbering: Numbering;
  readonly wording: Wording;
  /** The heading text after its numbering, as written. */
  readonly title: string;
}

/** A section of the draft: its heading and everything up to the next section. */
export interface Section extends SectionHeading {
  /** From the heading's start to the next section's heading (or the end). */
  readonly range: TextRange;
}

/** The outcome of section recognition. */
export interface SectionAnalysis {
  /** The recognised sections in document order (at most one per standard section). */
  readonly sections: readonly Section[];
  /** Further headings of a section already found (a duplicate), in document order. */
  readonly duplicates: readonly SectionHeading[];
  /** The style the document's section headings use, e.g. `heading:2`, `bold`, `plain`. */
  readonly style: string | undefined;
}

interface Candidate extends SectionHeading {
  readonly styleKey: string;
  readonly textScore: number;
}

const WORDING_SCORE: Record<Wording, number> = { standard: 3, variant: 2, fuzzy: 1 };

function styleKey(line: HeadingLine): string {
  return line.style === 'heading' ? `heading:${line.depth}` : line.style;
}

function matchWording(rest: string, def: SectionDef): Wording | undefined {
  const key = labelKey(rest).replace(/[:。.]$/, '');
  if (key === labelKey(def.title)) return 'standard';
  if (def.variants.some((v) => labelKey(v) === key)) return 'variant';
  const standard = labelKey(def.title);
  if (key.length > standard.length * 1.5 + 4) return undefined;
  const best = Math.max(similarity(key, standard), ...def.variants.map((v) => similarity(key, labelKey(v))));
  return best >= 0.75 ? 'fuzzy' : undefined;
}

function candidatesOf(line: HeadingLine): Candidate[] {
  if (line.text.length > 60) return [];
  const numbering = readNumbering(line.text, line.content.start);
  const out: Candidate[] = [];
  for (const def of SECTIONS) {
    const wording = matchWording(numbering.rest, def);
    if (!wording) continue;
    out.push({ def, heading: line, numbering, wording, title: numbering.rest, styleKey: styleKey(line), textScore: WORDING_SCORE[wording] });
  }
  return out;
}

function correctlyNumbered(c: Candidate): boolean {
  return c.numbering.kind === 'chinese' && c.numbering.value === c.def.index;
}

function dominantStyle(candidates: readonly Candidate[]): string | undefined {
  const counts = new Map<string, number>();
  for (const c of candidates) {
    if (correctlyNumbered(c) && c.textScore >= 2) counts.set(c.styleKey, (counts.get(c.styleKey) ?? 0) + 1);
  }
  let best: string | undefined;
  let bestCount = 0;
  for (const [key, count] of counts) {
    if (count > bestCount) {
      best = key;
      bestCount = count;
    }
  }
  return best;
}

function acceptable(c: Candidate, style: string | undefined): boolean {
  const numberMatches = c.numbering.value === c.def.index;
  const wrongNumber = c.numbering.kind !== 'none' && !numberMatches;
  if (c.styleKey === style) {
    // A plain line with another number is a list item that repeats a section's name.
    return !(c.heading.style === 'plain' && wrongNumber && c.numbering.kind !== 'chinese');
  }
  if (correctlyNumbered(c) && c.textScore >= 2) return true;
  if (c.heading.style === 'plain') return style === undefined && !wrongNumber && c.textScore >= 2;
  if (c.numbering.kind === 'paren') return false;
  return !wrongNumber || style === undefined;
}

function score(c: Candidate, style: string | undefined): number {
  const styleScore = c.styleKey === style ? 4 : c.heading.style !== 'plain' ? 2 : 0;
  const numberScore = correctlyNumbered(c) ? 3 : c.numbering.value === c.def.index ? 2 : c.numbering.kind === 'none' ? 1 : -3;
  return styleScore + numberScore + c.textScore;
}

/** Finds the six sections among the heading candidates. */
export function findSections(lines: readonly HeadingLine[], documentEnd: number): SectionAnalysis {
  const candidates = lines.flatMap(candidatesOf);
  const style = dominantStyle(candidates);
  const accepted = candidates.filter((c) => acceptable(c, style));
  const chosen: Candidate[] = [];
  const duplicates: SectionHeading[] = [];
  for (const def of SECTIONS) {
    const forDef = accepted.filter((c) => c.def.index === def.index);
    if (forDef.length === 0) continue;
    let best = forDef[0]!;
    for (const c of forDef) if (score(c, style) > score(best, style)) best = c;
    chosen.push(best);
    for (const c of forDef) {
      if (c !== best && c.heading.line !== best.heading.line && c.styleKey === best.styleKey && c.numbering.value === def.index && c.textScore >= 2) {
        duplicates.push(c);
      }
    }
  }
  // One line can only head one section: keep the better-scoring claim.
  const byLine = new Map<number, Candidate>();
  for (const c of chosen) {
    const other = byLine.get(c.heading.line);
    if (!other || score(c, style) > score(other, style)) byLine.set(c.heading.line, c);
  }
  const ordered = [...byLine.values()].sort((a, b) => a.heading.range.start - b.heading.range.start);
  const duplicateLines = new Set(duplicates.map((d) => d.heading.line));
  const boundaries = [...ordered.map((c) => c.heading.range.start), ...duplicates.map((d) => d.heading.range.start)].sort((a, b) => a - b);
  const sections: Section[] = ordered
    .filter((c) => !duplicateLines.has(c.heading.line))
    .map((c) => {
      const next = boundaries.find((b) => b > c.heading.range.start);
      const { styleKey: _s, textScore: _t, ...heading } = c;
      return { ...heading, range: { start: c.heading.range.start, end: next ?? documentEnd } };
    });
  duplicates.sort((a, b) => a.heading.range.start - b.heading.range.start);
  return { sections, duplicates, style };
}
