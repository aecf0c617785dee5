/**
 * The rule documentation stays in step with the rule registry (as markdownlint checks its
 * generated docs for drift): every rule has a page with a wrong and a right example, whose
 * stated severity and fix class are the rule's, and both indexes link it.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../../server/src/core/index.js';
import { ROOT } from './helpers.js';

const SEVERITY_ZH = { error: '错误', warning: '警告', info: '提示', hint: '建议' } as const;
const FIX_ZH = { safe: '安全修复', unsafe: '不安全修复', none: '无', 'safe+unsafe': '安全修复' } as const;

describe('rule documentation', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const index = readFileSync(join(ROOT, 'docs', 'rules', 'README.md'), 'utf8');
  for (const rule of RULES) {
    it(rule.id, () => {
      const path = join(ROOT, 'docs', 'rules', `${rule.id}.md`);
      assert.ok(existsSync(path), `docs/rules/${rule.id}.md is missing`);
      const page = readFileSync(path, 'utf8');
      assert.match(page, new RegExp(`^# ${rule.id}：`));
      assert.match(page, /## 错误示例\n[^#]*?```markdown\n[\s\S]+?\n```/);
      assert.match(page, /## 正确示例\n[^#]*?```markdown\n[\s\S]+?\n```/);
      assert.match(page, /## English/);
      assert.match(page, new RegExp(`- 默认级别：${SEVERITY_ZH[rule.defaultSeverity]}`));
      assert.match(page, new RegExp(`- 修复：[^\\n]*${FIX_ZH[rule.fix]}`));
      if (rule.fix === 'safe') assert.doesNotMatch(page.split('\n')[3]!, /不安全/);
      assert.ok(index.includes(`(${rule.id}.md)`), `docs/rules/README.md does not link ${rule.id}`);
      assert.ok(readme.includes(`(docs/rules/${rule.id}.md)`), `README.md does not link ${rule.id}`);
    });
  }
});
