/**
 * The server side of "nianbao: 由上年报告生成本年度草稿" (NEXT_YEAR_COMMAND): next year's draft
 * from the text of a report open in the editor (core/next-year.ts). Nothing is written; the
 * client opens the text as a new, unsaved document.
 */
import { bodyOfTitle, buildReport, draftFileName, localize, nextYearDraft } from '../core/index.js';
import type { NextYearResultWire } from '../protocol.js';
import { t, type Language } from './locale.js';

/** The draft from a report's current text, in the document's line breaks. Never throws. */
export function nextYearOfText(text: string | undefined, language: Language): NextYearResultWire {
  if (text === undefined) return { error: t(language, 'Open last year’s report in the editor first.') };
  const report = buildReport(text);
  const draft = nextYearDraft(report);
  if ('error' in draft) return { error: localize(draft.error, language) };
  const body = report.title ? bodyOfTitle(report.title.text) : undefined;
  return { text: draft.text, year: draft.year, format: draft.format, fileName: draftFileName(draft.year, body) };
}
