/**
 * Part "tables" of `npm run test:e2e` (issue 21): a drafter filling 表三 in a real workbench. The
 * packaged extension in code-server, headless Chromium, an English VS Code (nianbao speaks Chinese
 * by default). The draft is base-2021.md (a clean report) with the row （一）予以公开 and the row
 * （七）总计 of 表三 blank, as a drafter has them:
 *   1. the cursor on the row's label: the status bar names the table and the row;
 *   2. Tab selects the first figure cell; six figures typed with Tab between them, each landing in
 *      its cell (the status bar names it); timed;
 *   3. the hover on a cell names it with its relations (screenshot for the README);
 *   4. Enter goes to the same column of the next row, Shift+Tab back;
 *   5. the Markdown has the figures in their cells, and the Problems panel lists exactly what the
 *      checker finds on that text (the blank totals);
 *   6. 计算合计 from the palette fills the blank totals: the text is the clean report again and the
 *      Problems panel is empty;
 *   7. a total typed wrong, 计算合计 keeps it; 重新计算本表全部合计 shows the change as a diff, and
 *      应用 puts back the sum.
 * Screenshots in test-results/e2e/tables/. Prints `tables: PASS|FAIL <step>` and a last line
 * `E2E-PART {"part":"tables",…}`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { uiSteps } from './steps.js';
import { checkText } from '../../../server/src/core/index.js';
import { installVsix, launchChromium, loadEnv, RESULTS, startCodeServer, withTimeout, writeUserSettings, type CodeServer } from '../code-server.js';
import { prepareWorkspace, ROOT } from '../workspace.js';

const BASE_2021 = join(ROOT, 'test', 'fixtures', 'rules', '_base', 'base-2021.md');
/** 表三's row （一）予以公开 (line 59) and （七）总计 (line 80) of base-2021.md, and their figures. */
const ROW = { line: 59, label: '| 三、本年度办理结果 | （一）予以公开 |  |', figures: ['3', '1', '1', '1', '1', '1'], total: '8' };
const TOTAL_ROW = { line: 80, label: '|  | （七）总计 |  |' };
const COLUMNS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];
const OVERALL_MS = Number(process.env.NIANBAO_E2E_UI_TIMEOUT_MS ?? 8 * 60_000);
const STEP_MS = 45_000;
const SHOTS = join(RESULTS, 'tables');

interface PageElement {
  readonly innerText: string;
  getAttribute(name: string): string | null;
}
declare const document: {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
};

class StepFailure extends Error {}

function expect(ok: boolean, expected: string, seen: string): void {
  if (!ok) throw new StepFailure(`expected ${expected}\n      seen: ${seen}`);
}

/** A row of 表三 with its seven figure cells blank. */
function blankRow(label: string): string {
  return `${label}${'  |'.repeat(7)}`;
}

/** `line:rule` of what the checker finds on a text (1-based lines), sorted. */
function findings(text: string): string[] {
  const result = checkText(text);
  return result.findings.map((f) => `${result.report.lines.lineAt(f.range.start) + 1}:${f.rule}`).sort();
}

async function main(): Promise<{ passed: number; failed: number; error?: string; fillMs?: number; tabMs?: number[] }> {
  const env = loadEnv();
  const vsix = process.env.NIANBAO_E2E_VSIX ?? join(ROOT, 'nianbao-0.1.0.vsix');
  try {
    readFileSync(vsix);
  } catch {
    throw new Error(`setup missing: ${vsix} does not exist; run npm run package`);
  }
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  const temp = mkdtempSync(join(tmpdir(), 'nianbao-e2e-tables-'));
  const workspace = prepareWorkspace(temp);
  const userDataDir = join(temp, 'user-data');
  const extensionsDir = join(temp, 'extensions');
  writeUserSettings(userDataDir);
  installVsix(env, vsix, extensionsDir);
  const base = readFileSync(BASE_2021, 'utf8');
  const lines = base.split('\n');
  lines[ROW.line - 1] = blankRow(ROW.label);
  lines[TOTAL_ROW.line - 1] = blankRow(TOTAL_ROW.label);
  const draft = join(workspace.dir, 'scratch', 'fill-table3.md');
  writeFileSync(draft, lines.join('\n'));

  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let timedOut = false;
  const limit = setTimeout(() => {
    timedOut = true;
    void (async () => {
      await shot('TIMEOUT').catch(() => {});
      await browser?.close().catch(() => {});
    })();
  }, OVERALL_MS);
  const { shot, step, passed } = uiSteps('tables', SHOTS, () => page);
  let fillMs: number | undefined;
  const tabMs: number[] = [];

  try {
    server = await startCodeServer(env, { userDataDir, extensionsDir });
    browser = await launchChromium(env);
    page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
    page.setDefaultTimeout(STEP_MS);
    const p = page;
    const cellItem = p.locator('.statusbar-item[id$="nianbao.cell"]');
    const cellText = async (): Promise<string> => ((await cellItem.isVisible()) ? (await cellItem.innerText()).trim() : '');
    const waitCell = async (title: string): Promise<void> => {
      try {
        await p.waitForFunction((t) => [...document.querySelectorAll('.statusbar-item')].some((el) => (el.getAttribute('id') ?? '').endsWith('nianbao.cell') && el.innerText.includes(t)), title, { timeout: 10_000 });
      } catch {
        expect(false, `the status bar naming ${JSON.stringify(title)}`, JSON.stringify(await cellText()));
      }
    };
    /** A screenshot of a hover with the cells around it (for the README). */
    const hoverShot = async (hover: ReturnType<Page['locator']>, name: string): Promise<void> => {
      const box = await hover.boundingBox();
      if (!box) return;
      const x = Math.max(0, box.x - 260);
      const clip = { x, y: Math.max(0, box.y - 60), width: Math.min(1500 - x, box.width + 520), height: box.height + 120 };
      await p.screenshot({ path: join(SHOTS, name), clip });
    };
    const goTo = async (line: number, column: number): Promise<void> => {
      await p.keyboard.press('Control+G');
      const input = p.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill(`:${line}:${column}`);
      await p.keyboard.press('Enter');
      await input.waitFor({ state: 'hidden' });
      await p.locator('.editor-instance .monaco-editor.focused').waitFor();
    };
    const panelRows = async (): Promise<string[]> =>
      (await p.locator('.markers-panel .monaco-list-row').evaluateAll((els) => els.map((el) => (el as PageElement).innerText.replace(/\s+/g, ' ').trim()))).filter((r) =>
        / nianbao [a-z-]+ \[Ln \d+,/.test(r),
      );
    /** `line:rule` of the Problems panel's nianbao rows, sorted. */
    const panelKeys = async (): Promise<string[]> =>
      (await panelRows()).map((r) => `${/\[Ln (\d+),/.exec(r)![1]}:${/ nianbao ([a-z-]+) \[Ln/.exec(r)![1]}`).sort();
    const waitPanel = async (expected: string[]): Promise<void> => {
      const deadline = Date.now() + 20_000;
      let seen = await panelKeys();
      while (JSON.stringify(seen) !== JSON.stringify(expected) && Date.now() < deadline) {
        await p.waitForTimeout(200);
        seen = await panelKeys();
      }
      expect(JSON.stringify(seen) === JSON.stringify(expected), `the Problems panel to list ${JSON.stringify(expected)}`, JSON.stringify(seen));
    };
    const readDisk = async (until: (text: string) => boolean): Promise<string> => {
      const deadline = Date.now() + 10_000;
      let now = readFileSync(draft, 'utf8');
      while (!until(now) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        now = readFileSync(draft, 'utf8');
      }
      return now;
    };
    const save = async (): Promise<void> => {
      await p.keyboard.press('Control+S');
      await p.locator('.tabs-container .tab.active:not(.dirty)', { hasText: 'fill-table3.md' }).waitFor();
    };
    const palette = async (query: string, entry: string): Promise<void> => {
      await p.keyboard.press('Control+Shift+P');
      const input = p.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill(`>${query}`);
      const row = p.locator('.quick-input-list .monaco-list-row', { hasText: entry }).first();
      await row.waitFor();
      await row.click();
    };

    await step('the draft opens; on the row label the status bar names 表三 and the row', async () => {
      await p.goto(`http://127.0.0.1:${server!.port}/?folder=${encodeURIComponent(workspace.dir)}`);
      await p.locator('.monaco-workbench').waitFor();
      await p.locator('.explorer-folders-view .monaco-list-row', { hasText: 'scratch' }).first().waitFor();
      await p.keyboard.press('Control+P');
      const input = p.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill('fill-table3.md');
      await p.locator('.quick-input-list .monaco-list-row', { hasText: 'fill-table3.md' }).first().waitFor();
      await p.keyboard.press('Enter');
      await p.locator('.tabs-container .tab.active', { hasText: 'fill-table3.md' }).waitFor();
      await p.locator('.statusbar-item[id$="nianbao.status"]').waitFor({ state: 'visible' });
      await p.keyboard.press('Control+Shift+M');
      await p.locator('.markers-panel').waitFor();
      await waitPanel(findings(readFileSync(draft, 'utf8')));
      await goTo(ROW.line, 5);
      await waitCell('表三 · （一）予以公开');
      await shot('on-the-row-label');
    });

    await step('Tab moves from cell to cell and typing fills each; six figures of a 表三 row', async () => {
      const started = Date.now();
      for (let i = 0; i < ROW.figures.length; i++) {
        const pressed = Date.now();
        await p.keyboard.press('Tab');
        // The cell the Tab went to, as the status bar names it: then type over the selection.
        await waitCell(`表三 · （一）予以公开 · ${COLUMNS[i]}`);
        tabMs.push(Date.now() - pressed);
        await p.keyboard.type(ROW.figures[i]!);
      }
      fillMs = Date.now() - started;
      console.log(`      six figures by Tab in ${fillMs} ms; Tab → the status bar naming the next cell: ${tabMs.join(', ')} ms`);
      await shot('row-filled-by-tab');
    });

    await step('the hover on a cell names it with its relations', async () => {
      // Back from 其他 to 商业企业, one cell at a time.
      for (let i = 4; i >= 1; i--) {
        await p.keyboard.press('Shift+Tab');
        await waitCell(`表三 · （一）予以公开 · ${COLUMNS[i]}`);
      }
      await p.keyboard.press('Control+K');
      await p.keyboard.press('Control+I');
      const hover = p.locator('.monaco-hover', { hasText: '表三 · （一）予以公开 · 商业企业' }).first();
      await hover.waitFor({ state: 'visible' });
      const text = (await hover.innerText()).replace(/\s+/g, ' ');
      expect(/行总计（六类申请人之和）/.test(text) && /办理结果总计（各项办理结果之和）/.test(text), 'the hover listing the row total and the results total', text);
      console.log(`      hover: ${text.slice(0, 200)}`);
      await shot('hover-on-a-cell');
      await hoverShot(hover, 'hover.png');
      await p.keyboard.press('Escape');
    });

    await step('Enter goes to the same column of the next row; Shift+Enter back', async () => {
      await p.keyboard.press('Enter');
      await waitCell('表三 · （二）部分公开（区分处理的，只计这一情形，不计其他情形） · 商业企业');
      await p.keyboard.press('Shift+Enter');
      await waitCell(`表三 · （一）予以公开 · ${COLUMNS[1]}`);
    });

    await step('the Markdown has the six figures in their cells; the Problems panel lists what the checker finds (the blank totals)', async () => {
      await save();
      const expectedLine = `${ROW.label} ${ROW.figures.join(' | ')} |  |`;
      const text = await readDisk((t) => t.split('\n')[ROW.line - 1] === expectedLine);
      expect(text.split('\n')[ROW.line - 1] === expectedLine, `line ${ROW.line} to read ${JSON.stringify(expectedLine)}`, JSON.stringify(text.split('\n')[ROW.line - 1]));
      const changed = text.split('\n').flatMap((l, i) => (l === lines[i] ? [] : [i + 1]));
      expect(JSON.stringify(changed) === JSON.stringify([ROW.line]), `only line ${ROW.line} changed`, JSON.stringify(changed));
      const expected = findings(text);
      expect(expected.some((k) => k.startsWith(`${ROW.line}:`)) && expected.some((k) => k.startsWith(`${TOTAL_ROW.line}:`)), 'findings on the blank totals', JSON.stringify(expected));
      await waitPanel(expected);
      console.log(`      problems: ${JSON.stringify(expected)}`);
      await shot('filled-row-saved');
    });

    await step('计算合计 fills the blank totals: the clean report again, no problem left', async () => {
      await palette('计算合计', '计算合计 (Compute totals');
      await p.locator('.notifications-toasts', { hasText: '已由各分项之和填写 8 个合计' }).first().waitFor();
      await shot('totals-computed');
      await save();
      const text = await readDisk((t) => t === base);
      expect(text === base, 'the file to be the clean report (the totals its author wrote)', JSON.stringify([text.split('\n')[ROW.line - 1], text.split('\n')[TOTAL_ROW.line - 1]]));
      await waitPanel([]);
    });

    await step('a wrong total is kept by 计算合计 and put right by 重新计算本表全部合计 after its preview', async () => {
      // The 总计 of （一）予以公开: Tab from 其他.
      await goTo(ROW.line, 5);
      for (let i = 0; i < 7; i++) {
        await p.keyboard.press('Tab');
        await waitCell(`表三 · （一）予以公开 · ${COLUMNS[i]}`);
      }
      await p.keyboard.type('9');
      await save();
      await readDisk((t) => t.split('\n')[ROW.line - 1]!.endsWith('| 9 |'));
      await waitPanel(findings(readFileSync(draft, 'utf8')));
      await palette('计算合计', '计算合计 (Compute totals');
      await p.locator('.notifications-toasts', { hasText: '没有空白的合计需要填写' }).first().waitFor();
      await palette('重新计算', '重新计算本表全部合计');
      // The change as a diff (the draft beside the draft with the sums), nothing written until 应用.
      await p.locator('.tabs-container .tab', { hasText: '现有合计 ↔ 重新计算后' }).first().waitFor();
      const toast = p.locator('.notifications-toasts .notification-toast', { hasText: '1 个合计与其分项之和不同，将被改写' }).first();
      await toast.waitFor();
      await shot('recompute-diff');
      expect(readFileSync(draft, 'utf8').split('\n')[ROW.line - 1]!.endsWith('| 9 |'), 'nothing written before 应用', 'it was');
      await toast.locator('.monaco-button', { hasText: '应用' }).first().click();
      await p.locator('.tabs-container .tab', { hasText: '现有合计 ↔ 重新计算后' }).first().waitFor({ state: 'hidden' });
      await p.locator('.tabs-container .tab.active.dirty', { hasText: 'fill-table3.md' }).waitFor();
      await p.locator('.editor-instance .monaco-editor').first().click({ position: { x: 300, y: 100 } });
      await save();
      const text = await readDisk((t) => t === base);
      expect(text === base, 'the wrong total put right (the clean report again)', JSON.stringify(text.split('\n')[ROW.line - 1]));
      await waitPanel([]);
      await shot('recomputed');
      // The hover on a filled cell, for the README.
      await goTo(ROW.line, 5);
      for (let i = 0; i < 2; i++) {
        await p.keyboard.press('Tab');
        await waitCell(`表三 · （一）予以公开 · ${COLUMNS[i]}`);
      }
      await p.keyboard.press('Control+K');
      await p.keyboard.press('Control+I');
      const hover = p.locator('.monaco-hover', { hasText: '✓ 相符' }).first();
      await hover.waitFor({ state: 'visible' });
      await hoverShot(hover, 'hover-filled.png');
    });
    return { passed: passed(), failed: 0, ...(fillMs !== undefined ? { fillMs, tabMs } : {}) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { passed: passed(), failed: 1, error: timedOut ? `the tables UI test did not finish within ${OVERALL_MS / 1000} s (at: ${message.split('\n')[0]})` : message };
  } finally {
    clearTimeout(limit);
    await browser?.close().catch(() => {});
    await server?.stop();
    rmSync(temp, { recursive: true, force: true, maxRetries: 3 });
  }
}

withTimeout(main(), OVERALL_MS + 60_000, 'the tables UI test did not finish').then(
  (result) => {
    console.log(`tables: screenshots in ${SHOTS}`);
    console.log(`E2E-PART ${JSON.stringify({ part: 'tables', skipped: 0, ...result })}`);
    process.exit(result.failed ? 1 : 0);
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`tables: ${message}`);
    console.log(`E2E-PART ${JSON.stringify({ part: 'tables', passed: 0, failed: 1, skipped: 0, error: message })}`);
    process.exit(/^setup missing/.test(message) ? 2 : 1);
  },
);
