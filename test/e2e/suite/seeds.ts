/**
 * Each seed report gets the diagnostics its EXPECTED.md lists, read from the seeds'
 * `*.expect.json` (copied into the workspace by the runner) at run time:
 * - every finding marked `certain` whose rule the extension declares (the `nianbao.rules`
 *   properties of its manifest, so a rule added later becomes required by itself) appears at its
 *   line — diagnostic `code` = rule id, `range.start.line + 1` = line;
 * - no rule listed under `mustNotFire` appears.
 * The full set is not compared: rules are still being added.
 */
import assert from 'node:assert/strict';
import type Mocha from 'mocha';
import * as vscode from 'vscode';
import { cleanWindow, declaredRules, describeDiagnostics, hasAt, nianbaoDiagnostics, openInEditor, readText, roundTrip, ruleOf, waitForDiagnostics, workspaceFile } from './helpers.js';

interface Expectation {
  readonly rule: string;
  readonly line: number;
  readonly certain: boolean;
  readonly detail?: string;
}

interface ExpectFile {
  readonly source: string;
  readonly findings: readonly Expectation[];
  readonly mustNotFire: readonly string[];
}

/** The seed reports the runner copies; each has `<name>.md` and `<name>.expect.json`. */
export const SEEDS = ['seed-000-luhu-2020', 'seed-001-dongliu-2020', 'seed-002-gulou-2021', 'seed-003-sikou-2020', 'seed-004-xigang-2022'];

const CJK = /[\u4e00-\u9fff]/;

export default function register({ describe, it, after }: Mocha.MochaGlobals): void {
  describe('seed reports', () => {
    after(cleanWindow);

    for (const name of SEEDS) {
      it(`${name}: the findings EXPECTED.md lists, none of its must-not-fire rules`, async () => {
        const expect = JSON.parse(await readText(workspaceFile('seeds', `${name}.expect.json`))) as ExpectFile;
        const declared = new Set(declaredRules());
        const required = expect.findings.filter((e) => e.certain && declared.has(e.rule));
        const notYet = expect.findings.filter((e) => e.certain && !declared.has(e.rule));
        if (notYet.length) console.log(`      (${name}: not required, rule not declared yet: ${notYet.map((e) => `${e.rule}@${e.line}`).join(', ')})`);
        const uri = workspaceFile('seeds', `${expect.source}`);
        await openInEditor(uri);
        const missing = (d: vscode.Diagnostic[]): Expectation[] => required.filter((e) => !hasAt(d, e.rule, e.line));
        await waitForDiagnostics(
          uri,
          `the expected findings ${required.map((e) => `${e.line}:${e.rule}`).join(', ') || '(none required)'}`,
          (d) => missing(d).length === 0,
        ).catch((error: Error) => {
          const now = nianbaoDiagnostics(uri);
          throw new Error(
            `${error.message}\n  missing: ${missing(now)
              .map((e) => `${e.line}:${e.rule} (${e.detail ?? ''})`)
              .join('; ')}`,
          );
        });
        // Let the server answer once more, so a finding that would arrive late is seen too.
        await roundTrip(uri);
        const diagnostics = nianbaoDiagnostics(uri);
        const forbidden = diagnostics.filter((d) => expect.mustNotFire.includes(ruleOf(d)));
        assert.deepEqual(
          forbidden.map((d) => `${d.range.start.line + 1}:${ruleOf(d)} ${d.message}`),
          [],
          `must not fire: ${expect.mustNotFire.join(', ')}; diagnostics were: ${describeDiagnostics(uri)}`,
        );
        // nianbao.locale is not set: its default, zh-CN, makes every message Chinese whatever VS Code's language (issue 20).
        const locale = vscode.workspace.getConfiguration('nianbao', uri).get<string>('locale');
        assert.equal(locale, 'zh-CN', 'the default of nianbao.locale');
        const notChinese = diagnostics.filter((d) => !CJK.test(d.message));
        assert.deepEqual(notChinese.map((d) => d.message), [], `every message is Chinese (VS Code's display language: ${vscode.env.language})`);
      });
    }
  });
}
