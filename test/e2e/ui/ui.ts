/**
 * Part (b) of `npm run test:e2e`: the packaged extension in a real workbench, as a user sees it.
 * The .vsix built by `npm run package` is installed into code-server, a workspace holding the seed
 * reports is opened in headless Chromium, and the test reads the page:
 *   1. the squiggles and the status bar problem count;
 *   2. the Problems panel, which lists the seed's findings with Chinese messages;
 *   3. Ctrl+. on a finding applies its fix;
 *   4. after Ctrl+S the file on disk changed exactly there;
 * and, for issue 20, in an English VS Code (Chromium --lang=en-US, no language pack) with
 * nianbao.locale left at its default:
 *   5. the messages are Chinese while the workbench is English;
 *   6. one wrong cell of 表三: the finding is on that cell, naming the row and the column it
 *      breaks, and its quick fix puts back the right figure;
 *   7. fix on save turned on from the status bar menu, then a save of a half-written draft corrects
 *      a label in place and inserts no section or table;
 *   8. 年报 typed in the command palette finds 「从模板新建年度报告」; the new report is blank,
 *      named <年度>-<机关>.md, and its problems list what is left to fill.
 * Every step keeps a screenshot in test-results/e2e/ui/. Waits are Playwright's (on the DOM),
 * bounded; no fixed sleep.
 *
 * Prints `ui: PASS|FAIL <step>` per step and a last line `E2E-PART {"part":"ui",…}`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { uiSteps } from './steps.js';
import { installVsix, launchChromium, loadEnv, RESULTS, startCodeServer, withTimeout, writeUserSettings, type CodeServer } from '../code-server.js';
import { prepareWorkspace, ROOT } from '../workspace.js';

/** base-2021.md of the rule fixtures: a clean 2022 report whose 表三 and 表四 are filled. */
const BASE_2021 = join(ROOT, 'test', 'fixtures', 'rules', '_base', 'base-2021.md');
/** The wrong cell: 表三 （三）1.属于国家秘密, 自然人 6 written as 7 (line 61). */
const WRONG_CELL = { line: 61, from: '| 6 | 3 | 2 | 1 | 5 | 3 | 20 |', to: '| 7 | 3 | 2 | 1 | 5 | 3 | 20 |', fix: '将本格改为 6' };

const OVERALL_MS = Number(process.env.NIANBAO_E2E_UI_TIMEOUT_MS ?? 8 * 60_000);
const STEP_MS = 45_000;
const SHOTS = join(RESULTS, 'ui');
const SEED = 'seed-000-luhu-2020';
/** The finding the test fixes with Ctrl+. (EXPECTED.md, seed-000 finding 1) and the line it must leave. */
const TARGET = {
  rule: 'section-heading',
  line: 87,
  before: '## 3、 收到和处理政府信息公开申请情况',
  fix: '改为“三、收到和处理政府信息公开申请情况”',
  after: '## 三、收到和处理政府信息公开申请情况',
};
const CJK = /[\u4e00-\u9fff]/;

interface Expectation {
  readonly rule: string;
  readonly line: number;
  readonly certain: boolean;
}

/** The rules the packaged manifest declares (`nianbao.rules` properties): those are required. */
function declaredRules(): Set<string> {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { properties?: Record<string, unknown> }> } };
  };
  return new Set(Object.keys(manifest.contributes.configuration.properties['nianbao.rules']?.properties ?? {}));
}

/**
 * The few DOM names the page functions below use: they run in the browser, but this file is
 * type-checked with the project's Node settings, without the DOM library.
 */
interface PageElement {
  readonly innerText: string;
  getAttribute(name: string): string | null;
}
declare const document: {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
};

class StepFailure extends Error {}

/** Fails a step with what was expected and what was seen. */
function expect(ok: boolean, expected: string, seen: string): void {
  if (!ok) throw new StepFailure(`expected ${expected}\n      seen: ${seen}`);
}

async function main(): Promise<{ passed: number; failed: number; error?: string }> {
  const env = loadEnv();
  const vsix = process.env.NIANBAO_E2E_VSIX ?? join(ROOT, 'nianbao-0.1.0.vsix');
  try {
    readFileSync(vsix);
  } catch {
    throw new Error(`setup missing: ${vsix} does not exist; run npm run package`);
  }
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  const temp = mkdtempSync(join(tmpdir(), 'nianbao-e2e-ui-'));
  const workspace = prepareWorkspace(temp);
  const userDataDir = join(temp, 'user-data');
  const extensionsDir = join(temp, 'extensions');
  writeUserSettings(userDataDir);
  installVsix(env, vsix, extensionsDir);
  const file = join(workspace.dir, 'seeds', `${SEED}.md`);
  // Issue 20's drafts: one wrong cell; a half-written draft (a mistyped label, no 表四, no section 六).
  const base = readFileSync(BASE_2021, 'utf8');
  const wrongCell = join(workspace.dir, 'scratch', 'wrong-cell.md');
  const wrongLines = base.split('\n');
  wrongLines[WRONG_CELL.line - 1] = wrongLines[WRONG_CELL.line - 1]!.replace(WRONG_CELL.from, WRONG_CELL.to);
  writeFileSync(wrongCell, wrongLines.join('\n'));
  const partial = join(workspace.dir, 'scratch', 'half-written.md');
  const partialText = base
    .replace('| 本年制发件数 |', '| 半年制发件数 |')
    .replace(/\n## 六、其他需要报告的事项[^]*$/, '\n')
    .replace(/(## 四、[^\n]*\n\n[^\n]*\n)\n\|[^]*?\n\n/, '$1\n');
  writeFileSync(partial, partialText);
  const original = readFileSync(file, 'utf8');
  const expectations = (JSON.parse(readFileSync(join(workspace.dir, 'seeds', `${SEED}.expect.json`), 'utf8')) as { findings: Expectation[] }).findings;
  const declared = declaredRules();
  const required = expectations.filter((e) => e.certain && declared.has(e.rule));

  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  // The time limit: a screenshot of where it stood, then closing the browser makes the pending
  // Playwright call fail, and the finally below stops code-server.
  let timedOut = false;
  const limit = setTimeout(() => {
    timedOut = true;
    void (async () => {
      await shot('TIMEOUT').catch(() => {});
      await browser?.close().catch(() => {});
    })();
  }, OVERALL_MS);
  const { shot, step, passed } = uiSteps('ui', SHOTS, () => page);

  try {
    server = await startCodeServer(env, { userDataDir, extensionsDir });
    browser = await launchChromium(env);
    page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
    page.setDefaultTimeout(STEP_MS);
    const p = page;
    const problemsLabel = async (): Promise<string> => (await p.locator('[id="status.problems"]').first().getAttribute('aria-label')) ?? '';
    /** The status bar item's aria-label reads like `Errors: 2, Warnings: 1, Infos: 1` (or `No Problems`). */
    const total = (label: string): number => ['Errors', 'Warnings', 'Infos'].reduce((sum, kind) => sum + Number(new RegExp(`${kind}: (\\d+)`).exec(label)?.[1] ?? 0), 0);

    await step('the workbench opens the workspace with the installed extension', async () => {
      await p.goto(`http://127.0.0.1:${server!.port}/?folder=${encodeURIComponent(workspace.dir)}`);
      await p.locator('.monaco-workbench').waitFor();
      await p.locator('.explorer-folders-view .monaco-list-row', { hasText: 'seeds' }).first().waitFor();
      await shot('workbench');
    });

    await step(`opening ${SEED}.md shows squiggles and the status bar problem count`, async () => {
      await p.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } }).catch(() => {});
      await p.keyboard.press('Control+P');
      const input = p.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill(`${SEED}.md`);
      await p.locator('.quick-input-list .monaco-list-row', { hasText: SEED }).first().waitFor();
      await p.keyboard.press('Enter');
      await p.locator('.tabs-container .tab.active', { hasText: SEED }).waitFor();
      // The extension's own status bar item: the report year and the format.
      const status = p.locator('.statusbar-item[id$="nianbao.status"]');
      await status.waitFor({ state: 'visible' });
      const statusText = (await status.innerText()).trim();
      expect(/2020/.test(statusText), 'the nianbao status item to show the report year 2020', JSON.stringify(statusText));
      // Squiggles render only for visible lines: bring each required finding's line into view.
      for (const e of required) {
        await p.keyboard.press('Control+G');
        await input.waitFor({ state: 'visible' });
        await input.fill(`:${e.line}`);
        await p.keyboard.press('Enter');
        await input.waitFor({ state: 'hidden' });
        // A squiggle on the cursor's line (each line of the overlay layer holds its decorations).
        const onLine = p.locator('.lines-content .view-overlays > div:has(.current-line):has([class*="squiggly-"])');
        try {
          await onLine.first().waitFor();
        } catch {
          expect(false, `a squiggle on line ${e.line} (${e.rule})`, `none; squiggles on screen: ${await p.locator('.view-overlays [class*="squiggly-"]').count()}`);
        }
        const kind = await onLine.first().locator('[class*="squiggly-"]').first().getAttribute('class');
        console.log(`      line ${e.line} (${e.rule}): ${kind}`);
        await shot(`squiggle-line-${e.line}`);
      }
      const squiggles = await p.locator('.monaco-editor .view-overlays [class*="squiggly-"]').evaluateAll((els) => els.map((el) => el.className));
      expect(squiggles.length > 0, 'squiggles in the editor', JSON.stringify(squiggles));
      // The status bar counts the problems of the open files: at least the required findings.
      try {
        await p.waitForFunction((min) => {
          const label = document.querySelector('[id="status.problems"]')?.getAttribute('aria-label') ?? '';
          const n = ['Errors', 'Warnings', 'Infos'].reduce((sum, kind) => sum + Number(new RegExp(`${kind}: (\\d+)`).exec(label)?.[1] ?? 0), 0);
          return n >= min;
        }, required.length);
      } catch {
        expect(false, `the status bar problem count to reach ${required.length}`, JSON.stringify(await problemsLabel()));
      }
      const label = await problemsLabel();
      console.log(`      status bar: ${JSON.stringify(label)}; nianbao item: ${JSON.stringify(statusText)}; squiggles: ${squiggles.length}`);
      await shot('squiggles-and-status-bar');
    });

    /** A Problems panel row's text: `message nianbao rule [Ln 87, Col 4]` (the parentheses around the rule are drawn by CSS). */
    const rowMatches = (text: string, e: Expectation): boolean => /\bnianbao\b/.test(text) && text.includes(` ${e.rule} `) && text.includes(`[Ln ${e.line},`);
    const markerRows = p.locator('.markers-panel .monaco-list-row');
    const rowTexts = (): Promise<string[]> => markerRows.evaluateAll((els) => els.map((el) => (el as PageElement).innerText.replace(/\s+/g, ' ').trim()));
    await step('the Problems panel lists the findings in Chinese', async () => {
      await p.keyboard.press('Control+Shift+M');
      await p.locator('.markers-panel').waitFor();
      // Rows render as the panel lays out; wait until every required finding has its row.
      try {
        await p.waitForFunction(
          (req) => {
            const list = [...document.querySelectorAll('.markers-panel .monaco-list-row')].map((el) => (el as PageElement).innerText.replace(/\s+/g, ' '));
            return req.every((e) => list.some((r) => /\bnianbao\b/.test(r) && r.includes(` ${e.rule} `) && r.includes(`[Ln ${e.line},`)));
          },
          required.map((e) => ({ rule: e.rule, line: e.line })),
        );
      } catch {
        const rows = await rowTexts();
        const missing = required.filter((e) => !rows.some((r) => rowMatches(r, e)));
        expect(false, `rows for ${required.map((e) => `${e.rule} at line ${e.line}`).join(', ')}`, `missing ${missing.map((e) => `${e.rule}@${e.line}`).join(', ')}; rows: ${JSON.stringify(rows)}`);
      }
      const findingRows = (await rowTexts()).filter((r) => / nianbao [a-z-]+ \[Ln \d+,/.test(r));
      const notChinese = findingRows.filter((r) => !CJK.test(r.slice(0, r.search(/ nianbao [a-z-]+ \[Ln /))));
      expect(notChinese.length === 0, 'every nianbao finding with a Chinese message (nianbao.locale is zh-cn)', JSON.stringify(notChinese));
      const label = await problemsLabel();
      expect(findingRows.length === total(label), `as many rows as the status bar counts (${JSON.stringify(label)})`, `${findingRows.length} rows`);
      for (const r of findingRows) console.log(`      row: ${r}`);
      await shot('problems-panel');
    });

    /**
     * Ctrl+. in the focused editor, and its menu. On a loaded machine the first press can come
     * before the editor takes keys: press again (at most three times) until the menu shows.
     */
    const quickFixMenu = async () => {
      const menu = p.locator('.action-widget:not(.action-list-submenu-panel)');
      for (let attempt = 0; attempt < 3 && !(await menu.isVisible()); attempt++) {
        await p.keyboard.press('Control+.');
        await menu.waitFor({ state: 'visible', timeout: 8_000 }).catch(() => {});
      }
      await menu.waitFor({ state: 'visible' });
      return menu;
    };

    const target = TARGET;
    let diskBefore = original;
    await step(`Ctrl+. applies the fix of ${target.rule} at line ${target.line}`, async () => {
      diskBefore = readFileSync(file, 'utf8');
      expect(diskBefore.split('\n')[target.line - 1] === target.before, `line ${target.line} of ${SEED}.md to read ${JSON.stringify(target.before)}`, JSON.stringify(diskBefore.split('\n')[target.line - 1]));
      const before = await problemsLabel();
      // Open the finding from the Problems panel (the cursor lands on it), then Ctrl+.
      await markerRows.filter({ hasText: ` ${target.rule} ` }).filter({ hasText: `[Ln ${target.line},` }).first().click();
      await p.keyboard.press('Enter');
      await p.locator('.editor-instance .monaco-editor.focused').waitFor();
      const menu = await quickFixMenu();
      const items = await menu.locator('.monaco-list-row').allInnerTexts();
      await shot('quick-fix-menu');
      // The focused entry is the preferred fix: Enter applies it.
      const focused = (await menu.locator('.monaco-list-row.focused').first().innerText()).trim();
      expect(focused === target.fix, `the focused entry of the Ctrl+. menu to be the fix ${JSON.stringify(target.fix)}`, `${JSON.stringify(focused)} among ${JSON.stringify(items)}`);
      await p.keyboard.press('Enter');
      await menu.waitFor({ state: 'hidden' });
      await p.locator('.tabs-container .tab.active.dirty', { hasText: SEED }).waitFor();
      await p.waitForFunction(
        (e) => ![...document.querySelectorAll('.markers-panel .monaco-list-row')].some((el) => {
          const text = (el as PageElement).innerText.replace(/\s+/g, ' ');
          return /\bnianbao\b/.test(text) && text.includes(` ${e.rule} `) && text.includes(`[Ln ${e.line},`);
        }),
        { rule: target.rule, line: target.line },
      );
      const after = await problemsLabel();
      console.log(`      menu: ${JSON.stringify(items)}; status bar ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
      expect(readFileSync(file, 'utf8') === diskBefore, 'the file on disk unchanged before saving', 'it changed');
      await shot('after-quick-fix');
    });

    await step('after Ctrl+S the file on disk changed exactly at that line', async () => {
      await p.keyboard.press('Control+S');
      await p.locator('.tabs-container .tab.active:not(.dirty)', { hasText: SEED }).waitFor();
      // The tab is clean once the write is done; read the disk with a short bounded poll in case
      // the file system reports it a moment later.
      const deadline = Date.now() + 10_000;
      let now = readFileSync(file, 'utf8');
      while (now === diskBefore && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        now = readFileSync(file, 'utf8');
      }
      const a = diskBefore.split('\n');
      const b = now.split('\n');
      const changed = a.flatMap((line, i) => (line === b[i] ? [] : [i + 1]));
      expect(b.length === a.length && changed.length === 1 && changed[0] === target.line, `exactly line ${target.line} changed`, `changed lines ${JSON.stringify(changed)} (${a.length} → ${b.length} lines)`);
      expect(b[target.line - 1] === target.after, `line ${target.line} to read ${JSON.stringify(target.after)}`, JSON.stringify(b[target.line - 1]));
      console.log(`      line ${target.line}: ${JSON.stringify(a[target.line - 1])} → ${JSON.stringify(b[target.line - 1])}`);
      await shot('saved');
    });
    /** Opens a workspace file by name with Quick Open and waits for its tab. */
    const openFile = async (name: string): Promise<void> => {
      await p.keyboard.press('Control+P');
      const input = p.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill(name);
      await p.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
      await p.keyboard.press('Enter');
      await p.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
    };
    const panelRows = async (): Promise<string[]> => (await rowTexts()).filter((r) => / nianbao [a-z-]+ \[Ln \d+,/.test(r));

    await step('in an English VS Code the workbench is English and nianbao speaks Chinese (nianbao.locale at its default)', async () => {
      const label = await problemsLabel();
      expect(/Errors|Warnings|Infos|No Problems/.test(label), 'the workbench in English (the status bar problems item)', JSON.stringify(label));
      const status = (await p.locator('.statusbar-item[id$="nianbao.status"]').innerText()).trim();
      expect(/年度/.test(status), 'the nianbao status item in Chinese', JSON.stringify(status));
      const rows = await panelRows();
      expect(rows.length > 0 && rows.every((r) => CJK.test(r)), 'every nianbao row in Chinese', JSON.stringify(rows));
      console.log(`      workbench: ${JSON.stringify(label)}; nianbao: ${JSON.stringify(status)}`);
      await shot('english-vscode-chinese-messages');
    });

    await step('one wrong cell of 表三: the finding is on that cell and its fix puts back the right figure', async () => {
      await openFile('wrong-cell.md');
      const onCell = (r: string) => r.includes(' row-total ') && r.includes(`[Ln ${WRONG_CELL.line},`);
      try {
        await p.waitForFunction(
          (line) => [...document.querySelectorAll('.markers-panel .monaco-list-row')].some((el) => (el as PageElement).innerText.includes(`[Ln ${line},`) && (el as PageElement).innerText.includes('本格若为')),
          WRONG_CELL.line,
        );
      } catch {
        expect(false, `a row-total row at line ${WRONG_CELL.line} saying 本格若为 6`, JSON.stringify(await panelRows()));
      }
      const arithmetic = (await panelRows()).filter((r) => / (row-total|results-total|balance|review-total) /.test(r));
      expect(arithmetic.length === 1 && onCell(arithmetic[0]!), 'exactly one arithmetic finding, at the wrong cell (none on （七）总计)', JSON.stringify(arithmetic));
      expect(/本格若为 6，则本行合计与本列办理结果合计均成立/.test(arithmetic[0]!), 'the message naming the row and the column the cell breaks', arithmetic[0]!);
      // The column of the finding is that of the 自然人 cell, not of 总计.
      const column = Number(/\[Ln \d+, Col (\d+)\]/.exec(arithmetic[0]!)?.[1]);
      const lineText = readFileSync(wrongCell, 'utf8').split('\n')[WRONG_CELL.line - 1]!;
      expect(column === [...lineText.slice(0, lineText.indexOf('| 7 |') + 2)].length + 1, `column ${[...lineText.slice(0, lineText.indexOf('| 7 |') + 2)].length + 1} (the 7)`, String(column));
      await shot('wrong-cell-problem');
      // The cursor on the wrong cell (Go to Line puts it there and focuses the editor), then Ctrl+.
      await p.keyboard.press('Control+G');
      const goTo = p.locator('.quick-input-widget input');
      await goTo.waitFor({ state: 'visible' });
      await goTo.fill(`:${WRONG_CELL.line}:${column}`);
      await p.keyboard.press('Enter');
      await goTo.waitFor({ state: 'hidden' });
      await p.locator('.editor-instance .monaco-editor.focused').waitFor();
      const menu = await quickFixMenu();
      const items = (await menu.locator('.monaco-list-row').allInnerTexts()).map((t) => t.trim());
      await shot('wrong-cell-quick-fix-menu');
      const at = items.indexOf(WRONG_CELL.fix);
      const suppress = items.findIndex((i) => i.startsWith('本行不再提示'));
      expect(at >= 0 && (suppress < 0 || at < suppress) && !items.some((i) => /改为 (?!6)\d/.test(i)), `the Ctrl+. menu to offer ${JSON.stringify(WRONG_CELL.fix)} first, and no other figure`, JSON.stringify(items));
      await menu.locator('.monaco-list-row', { hasText: WRONG_CELL.fix }).first().click();
      await menu.waitFor({ state: 'hidden' });
      await p.waitForFunction(
        (line) => ![...document.querySelectorAll('.markers-panel .monaco-list-row')].some((el) => (el as PageElement).innerText.includes(`[Ln ${line},`) && / row-total /.test((el as PageElement).innerText)),
        WRONG_CELL.line,
      );
      await p.keyboard.press('Control+S');
      await p.locator('.tabs-container .tab.active:not(.dirty)', { hasText: 'wrong-cell.md' }).waitFor();
      const deadline = Date.now() + 10_000;
      let now = readFileSync(wrongCell, 'utf8');
      while (now !== base && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        now = readFileSync(wrongCell, 'utf8');
      }
      expect(now === base, 'the file back to the clean report (the 7 is a 6 again, nothing else changed)', JSON.stringify(now.split('\n')[WRONG_CELL.line - 1]));
      await shot('wrong-cell-fixed');
    });

    await step('fix on save, turned on from the status bar menu: a save corrects a label in place and inserts no section', async () => {
      await openFile('half-written.md');
      await p.waitForFunction(() => [...document.querySelectorAll('.markers-panel .monaco-list-row')].some((el) => /\bmissing-section\b/.test((el as PageElement).innerText)));
      const status = p.locator('.statusbar-item[id$="nianbao.status"]');
      await status.click();
      const input = p.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      const entry = p.locator('.quick-input-list .monaco-list-row', { hasText: '保存时自动修复' }).first();
      await entry.waitFor();
      const before = (await entry.innerText()).replace(/\s+/g, ' ');
      expect(/已关闭/.test(before), 'the menu saying fix on save is off', before);
      await shot('status-bar-menu');
      await entry.click();
      await p.locator('.notifications-toasts', { hasText: '已开启保存时自动修复' }).first().waitFor();
      await shot('fix-on-save-on');
      // A change, then an explicit save, as a drafter works.
      await p.locator('.editor-instance .monaco-editor').first().click({ position: { x: 400, y: 200 } });
      await p.keyboard.press('Control+End');
      await p.keyboard.type('补充。');
      await p.locator('.tabs-container .tab.active.dirty', { hasText: 'half-written.md' }).waitFor();
      await p.keyboard.press('Control+S');
      await p.locator('.tabs-container .tab.active:not(.dirty)', { hasText: 'half-written.md' }).waitFor();
      const deadline = Date.now() + 10_000;
      let saved = readFileSync(partial, 'utf8');
      while ((saved === partialText || saved.includes('半年制发件数')) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        saved = readFileSync(partial, 'utf8');
      }
      expect(!saved.includes('半年制发件数') && saved.includes('| 本年制发件数 |'), 'the mistyped label corrected on save', JSON.stringify(saved.split('\n').find((l) => l.includes('制发件数'))));
      expect(!saved.includes('六、其他需要报告的事项'), 'no section 六 inserted on save', 'it was');
      expect(!saved.includes('| 行政复议 |'), 'no 表四 inserted on save', 'it was');
      expect(saved.split('\n').length === partialText.split('\n').length, 'no line added or removed', `${partialText.split('\n').length} → ${saved.split('\n').length} lines`);
      const rows = await panelRows();
      expect(rows.some((r) => / missing-section /.test(r)) && rows.some((r) => / missing-table /.test(r)), 'missing-section and missing-table still listed for the author', JSON.stringify(rows));
      await shot('saved-without-insertions');
    });

    await step('年报 typed in the command palette finds 「从模板新建年度报告」; the new report lists what is left to fill', async () => {
      await p.keyboard.press('Control+Shift+P');
      const input = p.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill('>年报');
      const found = p.locator('.quick-input-list .monaco-list-row', { hasText: '从模板新建年度报告' }).first();
      await found.waitFor();
      const listed = (await p.locator('.quick-input-list .monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
      await shot('palette-nianbao');
      console.log(`      palette for 年报: ${JSON.stringify(listed)}`);
      await found.click();
      // The year (its default: last year), then the body; the questions are in Chinese too.
      await p.locator('.quick-input-widget .quick-input-title', { hasText: '从模板新建年度报告' }).waitFor();
      await p.waitForFunction(() => /^\d{4}$/.test((document.querySelector('.quick-input-widget input') as unknown as { value: string } | null)?.value ?? ''));
      const year = await input.inputValue();
      await shot('new-report-year');
      await p.keyboard.press('Enter');
      // The second question, for the body: its placeholder names an example body.
      await p.locator('.quick-input-widget input[placeholder*="某某市人民政府办公室"]').waitFor();
      await input.fill('测试县某某局');
      await p.keyboard.press('Enter');
      const tab = p.locator('.tabs-container .tab.active', { hasText: `${year}-测试县某某局.md` });
      await tab.waitFor();
      // The panel shows the rows that fit: filter it to what is left to fill.
      const filter = p.locator('.markers-panel-container .viewpane-filter input, .panel .viewpane-filter input').first();
      await filter.fill('尚未填写');
      try {
        await p.waitForFunction(() => [...document.querySelectorAll('.markers-panel .monaco-list-row')].filter((el) => /尚未填写/.test((el as PageElement).innerText)).length >= 5);
      } catch {
        expect(false, 'the Problems panel listing what is left to fill (尚未填写)', JSON.stringify(await panelRows()));
      }
      const rows = (await panelRows()).filter((r) => /尚未填写|未填写/.test(r));
      for (const r of rows) console.log(`      row: ${r}`);
      expect(rows.some((r) => r.includes('表三尚未填写')) && rows.some((r) => r.includes('“五、存在的主要问题及改进情况”中尚未填写')), 'the unfilled 表三 and section 五 listed', JSON.stringify(rows));
      await shot('new-report-unfilled');
      await filter.fill('');
    });
    return { passed: passed(), failed: 0 };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { passed: passed(), failed: 1, error: timedOut ? `the UI test did not finish within ${OVERALL_MS / 1000} s (at: ${message.split('\n')[0]})` : message };
  } finally {
    clearTimeout(limit);
    await browser?.close().catch(() => {});
    await server?.stop();
    rmSync(temp, { recursive: true, force: true, maxRetries: 3 });
  }
}

// A last resort should cleaning up itself hang.
withTimeout(main(), OVERALL_MS + 60_000, 'the UI test did not finish').then(
  (result) => {
    console.log(`ui: screenshots in ${SHOTS}`);
    console.log(`E2E-PART ${JSON.stringify({ part: 'ui', skipped: 0, ...result })}`);
    process.exit(result.failed ? 1 : 0);
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`ui: ${message}`);
    console.log(`E2E-PART ${JSON.stringify({ part: 'ui', passed: 0, failed: 1, skipped: 0, error: message })}`);
    process.exit(/^setup missing/.test(message) ? 2 : 1);
  },
);
