/**
 * Recognises the six standard sections among the heading candidates, whatever their markup,
 * numbering or wording (markdown-convention.md "Headings"), without taking a sub-item that
 * repeats a section's name for the section (EXPECTED.md, seed 000 lines 41 and 49).
 *
 * Each candidate line gets a score; the document's own heading style (the markup its
 * correctly numbered section headings use) decides which other lines may be sections. A clear
 * wording (the standard title or a formats.md §2 variant) names the section whatever Chinese
 * number it carries, so a draft that numbers 六 as 五 after a missing section still has its 六
 * (issue 13); the number is then section-heading's to correct.
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
  /** Further headings of a section already found (a duplicate), with their text up to the next heading, in document order. */
  readonly duplicates: readonly Section[];
  /** The style the document's section headings use, e.g. `heading:2`, `bold`, `plain`. */
  readonly style: string | undefined;
}

interface Candidate extends SectionHeading {
  readonly styleKey: string;
  readonly textScore: number;
  /** The line is a paragraph of its own (not one line of a longer paragraph). */
  readonly standalone: boolean;
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

function candidatesOf(line: HeadingLine, lines: readonly HeadingLine[]): Candidate[] {
  if (line.text.length > 60) return [];
  const standalone = !lines.some((other) => other !== line && other.block === line.block);
  const numbering = readNumbering(line.text, line.content.start);
  const out: Candidate[] = [];
  for (const def of SECTIONS) {
    const wording = matchWording(numbering.rest, def);
    if (!wording) continue;
    out.push({ def, heading: line, numbering, wording, title: numbering.rest, styleKey: styleKey(line), textScore: WORDING_SCORE[wording], standalone });
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
  // A heading in a section's own wording whose Chinese number was shifted by a missing section
  // (六 written 五、) is still that section; `findSections` drops it when out of place.
  if (misnumbered(c)) return true;
  // A plain line in a section's own wording with no number at all (其他需要报告的事项, a draft from
  // Word), alone in its paragraph, is that section; `findSections` drops it when out of place.
  if (unnumberedPlain(c)) return true;
  if (c.heading.style === 'plain') return style === undefined && !wrongNumber && c.textScore >= 2;
  if (c.numbering.kind === 'paren') return false;
  return !wrongNumber || style === undefined;
}

/** A plain line of its own in a section's standard or variant wording, with no number. */
function unnumberedPlain(c: Candidate): boolean {
  return c.heading.style === 'plain' && c.numbering.kind === 'none' && c.textScore >= 2 && c.standalone;
}

/** A line whose wording names a section clearly (standard or variant) but whose Chinese number is another one. */
function misnumbered(c: Candidate): boolean {
  return c.numbering.kind === 'chinese' && c.numbering.value !== c.def.index && c.textScore >= 2;
}

function score(c: Candidate, style: string | undefined): number {
  const styleScore = c.styleKey === style ? 4 : c.heading.style !== 'plain' ? 2 : 0;
  const numberScore = correctlyNumbered(c) ? 3 : c.numbering.value === c.def.index ? 2 : c.numbering.kind === 'none' ? 1 : -3;
  return styleScore + numberScore + c.textScore;
}

/** Finds the six sections among the heading candidates. */
export function findSections(lines: readonly HeadingLine[], documentEnd: number): SectionAnalysis {
  const candidates = lines.flatMap((line) => candidatesOf(line, lines));
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
  const claimed = [...byLine.values()].sort((a, b) => a.heading.range.start - b.heading.range.start);
  // A misnumbered or unnumbered line in another style than the sections', before the heading of an
  // earlier section, is a sub-item that repeats a section's name (an outline inside 一), not the section.
  const ordered = claimed.filter(
    (c, i) => c.styleKey === style || !(misnumbered(c) || unnumberedPlain(c)) || !claimed.slice(i + 1).some((d) => d.def.index < c.def.index),
  );
  const duplicateLines = new Set(duplicates.map((d) => d.heading.line));
  const boundaries = [...ordered.map((c) => c.heading.range.start), ...duplicates.map((d) => d.heading.range.start)].sort((a, b) => a - b);
  const withRange = (c: SectionHeading): Section => {
    const next = boundaries.find((b) => b > c.heading.range.start);
    const range = { start: c.heading.range.start, end: next ?? documentEnd };
    return { def: c.def, heading: c.heading, numbering: c.numbering, wording: c.wording, title: c.title, range };
  };
  const sections: Section[] = ordered.filter((c) => !duplicateLines.has(c.heading.line)).map(withRange);
  duplicates.sort((a, b) => a.heading.range.start - b.heading.range.start);
  return { sections, duplicates: duplicates.map(withRange), style };
}

/**
 * All the text of a standard section: its own and that of its repeated headings (issue 24), each
 * from the end of its heading line. A rule that looks for content in a section reads them all, so a
 * fee statement under a repeated 六 is found.
 */
export function sectionBodies(analysis: SectionAnalysis, index: number, headingEnd: (heading: SectionHeading) => number): TextRange[] {
  return [...analysis.sections, ...analysis.duplicates]
    .filter((s) => s.def.index === index)
    .map((s) => ({ start: headingEnd(s), end: s.range.end }))
    .sort((a, b) => a.start - b.start);
}

/** The section rules, of which one speaks for a heading line (see {@link headingProblems}). */
export type SectionRuleId = 'missing-section' | 'section-order' | 'section-heading';

/** What is wrong with one section heading line, and which rule reports it. */
export interface HeadingProblems {
  /** The heading on the line: a recognised section or a repeat of one. */
  readonly heading: SectionHeading;
  /** Standard sections absent from the draft whose place is just before this heading. */
  readonly missing: readonly SectionDef[];
  /** Out of order: the first earlier heading of a section that should come after this one. */
  readonly after?: SectionHeading;
  /** A repeat: the section's first heading. */
  readonly repeats?: SectionHeading;
  /** The numbering differs from `三、`: absent, or another number or form. */
  readonly numbering: 'ok' | 'missing' | 'wrong';
  /** The one rule that reports the line (undefined: nothing wrong). */
  readonly speaker: SectionRuleId | undefined;
}

/**
 * The problems of every section heading, with one reporting rule per line, so a missing section
 * before a heading renumbered to take its place (六 written 五、) is one finding, not three
 * (issue 13). The absence speaks first, then the order, then the heading itself; the speaker's
 * message carries the other reasons.
 */
export function headingProblems(analysis: SectionAnalysis): readonly HeadingProblems[] {
  const { sections, duplicates } = analysis;
  const present = new Set([...sections, ...duplicates].map((s) => s.def.index));
  const missingAt = new Map<Section, SectionDef[]>();
  for (const def of SECTIONS) {
    if (present.has(def.index)) continue;
    const next = sections.find((s) => s.def.index > def.index);
    if (next) missingAt.set(next, [...(missingAt.get(next) ?? []), def]);
  }
  const out: HeadingProblems[] = [];
  sections.forEach((section, i) => {
    const after = sections.slice(0, i).find((s) => s.def.index > section.def.index);
    out.push(problemsOf(section, missingAt.get(section) ?? [], after, undefined));
  });
  for (const duplicate of duplicates) {
    const original = sections.find((s) => s.def.index === duplicate.def.index) ?? duplicate;
    out.push(problemsOf(duplicate, [], undefined, original));
  }
  return out.sort((a, b) => a.heading.heading.range.start - b.heading.heading.range.start);
}

function problemsOf(
  heading: SectionHeading,
  missing: readonly SectionDef[],
  after: SectionHeading | undefined,
  repeats: SectionHeading | undefined,
): HeadingProblems {
  const numbering = heading.numbering.kind === 'none' ? 'missing' : heading.numbering.raw !== `${heading.def.numeral}、` ? 'wrong' : 'ok';
  // A repeated heading is section-order's alone; its own wording is not checked.
  const faulty = repeats === undefined && (numbering !== 'ok' || heading.wording !== 'standard');
  const speaker: SectionRuleId | undefined = missing.length > 0 ? 'missing-section' : after || repeats ? 'section-order' : faulty ? 'section-heading' : undefined;
  return { heading, missing, ...(after ? { after } : {}), ...(repeats ? { repeats } : {}), numbering, speaker };
}
