/**
 * unused-disable — a `<!-- nianbao-disable … -->` comment (or one rule id in it) that suppresses
 * no finding, or that names no rule, as ESLint's `--report-unused-disable-directives`. It needs
 * the other rules' findings, so `checkReport` computes it after them (suppressions.ts); the
 * rule's own `check` finds nothing. Its findings are never suppressed themselves. A directive
 * naming a rule that did not run (turned off, or not in the rule set) is not reported as unused.
 * Not a rule of formats.md: a property of the draft's comments. Fix (safe): remove the directive,
 * or the one id from it.
 */
import { type Rule } from './types.js';
import { say } from '../findings.js';

/** The unused-disable rule. */
export const unusedDisable: Rule = {
  id: 'unused-disable',
  defaultSeverity: 'info',
  fix: 'safe',
  category: 'document',
  withoutParse: true,
  description: say('nianbao-disable 注释没有屏蔽任何问题，或写了不存在的规则名称', 'A nianbao-disable comment that suppresses no finding, or names no rule'),
  check() {
    return [];
  },
};
