/**
 * The rule registry: every rule of rules.md that nianbao implements, in catalog order.
 * Adding a rule: see ARCHITECTURE.md "Adding a rule".
 */
import { balance } from './balance.js';
import { cellValue } from './cell-value.js';
import { emptySection } from './empty-section.js';
import { feeStatement } from './fee-statement.js';
import { formatCitation } from './format-citation.js';
import { formatVersion } from './format-version.js';
import { missingSection } from './missing-section.js';
import { missingTable } from './missing-table.js';
import { placeholder } from './placeholder.js';
import { reportYear } from './report-year.js';
import { resultsTotal } from './results-total.js';
import { reviewTotal } from './review-total.js';
import { rowTotal } from './row-total.js';
import { sectionHeading } from './section-heading.js';
import { sectionOrder } from './section-order.js';
import { subsectionNumbering } from './subsection-numbering.js';
import { tableLabel } from './table-label.js';
import { tableShape } from './table-shape.js';
import { tableMarkdown } from './table-markdown.js';
import { tableUnreadable } from './table-unreadable.js';
import { doubledWord } from './doubled-word.js';
import { prosePercent } from './prose-percent.js';
import { proseSum } from './prose-sum.js';
import { proseTable } from './prose-table.js';
import { textContradiction } from './text-contradiction.js';
import { vagueFigure } from './vague-figure.js';
import { documentTooComplex } from './document-too-complex.js';
import { fileEncoding } from './file-encoding.js';
import { unusedDisable } from './unused-disable.js';
import { carryover } from './carryover.js';
import { validCountChain } from './valid-count-chain.js';
import type { Rule } from './types.js';

/** All rules, in the order of rules.md (the rules across reports last; placeholder, added by issue 20, ends the document rules). */
export const RULES: readonly Rule[] = [
  reportYear,
  missingSection,
  sectionOrder,
  sectionHeading,
  subsectionNumbering,
  missingTable,
  tableUnreadable,
  emptySection,
  feeStatement,
  formatCitation,
  placeholder,
  formatVersion,
  tableLabel,
  tableShape,
  cellValue,
  tableMarkdown,
  rowTotal,
  resultsTotal,
  balance,
  reviewTotal,
  proseSum,
  prosePercent,
  proseTable,
  vagueFigure,
  textContradiction,
  doubledWord,
  documentTooComplex,
  fileEncoding,
  unusedDisable,
  carryover,
  validCountChain,
];

/** A rule by id. */
export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}

