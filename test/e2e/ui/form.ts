/**
 * Part "form" of `npm run test:e2e` (issue 21, items 4, 5 and 7): the packaged extension in
 * code-server, driven in headless Chromium, as a drafter fills 表三 through the form:
 *   1. a CodeLens 「在表单中填写 · N 处问题」 stands above the tables; the palette's command
 *      opens 表三 as a form beside the draft (keyboard only: the cursor in the table);
 *   2. the row （一）予以公开, blank in the draft, is typed cell by cell with Tab; after each
 *      cell the Markdown line holds exactly the values typed so far and the problem count is the
 *      core's for that text (checkText); the form's total shows the sum of the parts as they are
 *      typed; the scripted fill is timed;
 *   3. Ctrl+Z in the editor takes back the last value (one undo step per value) and the form
 *      shows it; a figure typed in the text shows in the form with its finding; a second row
 *      typed at speed (timed);
 *   4. the built-in Markdown preview shows 表三 in the official layout with the wrong cell
 *      marked; 「预览（官方版式）」 shows the whole report as it will print;
 *   5. the form in the dark theme (the workbench reloaded with it), then in high contrast.
 * Screenshots in test-results/e2e/form/. Prints `form: PASS|FAIL <step>` and a last line
 * `E2E-PART {"part":"form",…}`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { uiSteps } from './steps.js';
import { checkText, formats } from '../../../server/src/core/index.js';
import { installVsix, launchChromium, loadEnv, RESULTS, startCodeServer, withTimeout, writeUserSettings, type CodeServer } from '../code-server.js';
import { prepareWorkspace, ROOT } from '../workspace.js';

const BASE_2021 = join(ROOT, 'test', 'fixtures', 'rules', '_base', 'base-2021.md');
/** The row the test fills, as base-2021.md has it, and blank. */
const ROW_LABEL = '| （一）予以公开 |  |';
const VALUES = ['3', '1', '1', '1', '1', '1', '8'];
const FILLED_ROW = `${ROW_LABEL} 3 | 1 | 1 | 1 | 1 | 1 | 8 |`;
/** The row with its 3 made a 4 in the text. */
const WITH_FOUR = FILLED_ROW.replace('|  | 3 |', '|  | 4 |');
/** A second row, typed at speed: （三）1.属于国家秘密. */
const FAST_LABEL = '| 1.属于国家秘密 |';
const FAST_VALUES = ['6', '3', '2', '1', '5', '3', '20'];
const FAST_ROW = `${FAST_LABEL} ${FAST_VALUES.join(' | ')} |`;
/** The row with the first `n` values written by the form: a blank GFM cell takes ` value `. */
const rowWith = (n: number): string => `${ROW_LABEL}${VALUES.map((v, i) => (i < n ? ` ${v} ` : '  ')).join('|')}|`;
/** A wrong cell for the preview: 表三 （三）1.属于国家秘密, 自然人 6 written as 7. */
const WRONG = { from: '| 6 | 3 | 2 | 1 | 5 | 3 | 20 |', to: '| 7 | 3 | 2 | 1 | 5 | 3 | 20 |' };

const OVERALL_MS = Number(process.env.NIANBAO_E2E_FORM_TIMEOUT_MS ?? 8 * 60_000);
const STEP_MS = 45_000;
const SHOTS = join(RESULTS, 'form');

interface PageElement {
  readonly innerText: string;
  querySelector(selector: string): PageElement | null;
  readonly textContent: string | null;
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

/** The problems the status bar counts for a text (errors, warnings, infos; hints are not counted). */
function counted(text: string): number {
  return checkText(text).findings.filter((f) => f.severity !== 'hint').length;
}

async function main(): Promise<{ passed: number; failed: number; error?: string; timing?: Record<string, number> }> {
  const env = loadEnv();
  const vsix = process.env.NIANBAO_E2E_VSIX ?? join(ROOT, 'nianbao-0.1.0.vsix');
  try {
    readFileSync(vsix);
  } catch {
    throw new Error(`setup missing: ${vsix} does not exist; run npm run package`);
  }
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  const temp = mkdtempSync(join(tmpdir(), 'nianbao-e2e-form-'));
  const workspace = prepareWorkspace(temp);
  const userDataDir = join(temp, 'user-data');
  const extensionsDir = join(temp, 'extensions');
  // Long table rows on one line each, so the editor's DOM holds each row as one line.
  const settings = { 'workbench.colorTheme': 'Default Light Modern', '[markdown]': { 'editor.wordWrap': 'off' }, 'editor.minimap.enabled': false };
  writeUserSettings(userDataDir, settings);
  installVsix(env, vsix, extensionsDir);
  const base = readFileSync(BASE_2021, 'utf8');
  if (!base.includes(FILLED_ROW)) throw new Error(`base-2021.md no longer has the row ${FILLED_ROW}`);
  if (!base.includes(FAST_ROW)) throw new Error(`base-2021.md no longer has the row ${FAST_ROW}`);
  const blankText = base.replace(FILLED_ROW, rowWith(0)).replace(FAST_ROW, `${FAST_LABEL}${'  |'.repeat(7)}`);
  const filledText = base.replace(FAST_ROW, `${FAST_LABEL}${'  |'.repeat(7)}`);
  const draft = join(workspace.dir, 'scratch', 'fill-table3.md');
  writeFileSync(draft, blankText);
  const wrongText = base.replace(WRONG.from, WRONG.to);
  const wrong = join(workspace.dir, 'scratch', 'wrong-cell.md');
  writeFileSync(wrong, wrongText);

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
  const { shot, step, passed } = uiSteps('form', SHOTS, () => page);
  const timing: Record<string, number> = {};
  /** The README's pictures (docs/images/<name>.png): only the right editor group, where the form and the previews open, so the .vsix stays small. */
  const picture = async (name: string): Promise<void> => {
    await page?.screenshot({ path: join(SHOTS, `${name}.png`), clip: { x: 820, y: 30, width: 780, height: 940 } });
  };

  try {
    server = await startCodeServer(env, { userDataDir, extensionsDir });
    browser = await launchChromium(env);
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.setDefaultTimeout(STEP_MS);
    const p = page;
    const problemsLabel = async (): Promise<string> => (await p.locator('[id="status.problems"]').first().getAttribute('aria-label')) ?? '';
    /** Waits until the status bar counts `n` problems. */
    const problemsAre = async (n: number, what: string): Promise<void> => {
      try {
        await p.waitForFunction((want) => {
          const label = document.querySelector('[id="status.problems"]')?.getAttribute('aria-label') ?? '';
          return ['Errors', 'Warnings', 'Infos'].reduce((sum, kind) => sum + Number(new RegExp(`${kind}: (\\d+)`).exec(label)?.[1] ?? 0), 0) === want;
        }, n, { timeout: 15_000 });
      } catch {
        expect(false, `${n} problems in the status bar (${what})`, JSON.stringify(await problemsLabel()));
      }
    };
    /** The editor's line holding a text (spaces as the editor renders them, NBSP, made plain). */
    const editorLine = async (holding: string): Promise<string | undefined> => {
      const lines = await p.locator('.editor-group-container .monaco-editor .view-line').evaluateAll((els) => els.map((el) => (el as unknown as PageElement).textContent ?? ''));
      return lines.map((l) => l.replace(/\u00a0/g, ' ')).find((l) => l.includes(holding));
    };
    const lineIs = async (want: string, what: string): Promise<void> => {
      const deadline = Date.now() + 10_000;
      let seen = await editorLine(ROW_LABEL);
      while (seen !== want && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        seen = await editorLine(ROW_LABEL);
      }
      expect(seen === want, `the Markdown line ${JSON.stringify(want)} (${what})`, JSON.stringify(seen));
    };
    /** The frame of a webview whose document has an element matching `selector`. */
    const webviewFrame = async (selector: string): Promise<Frame> => {
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        for (const frame of p.frames()) {
          if (frame === p.mainFrame()) continue;
          if (await frame.locator(selector).count().catch(() => 0)) return frame;
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new StepFailure(`no webview showing ${selector}`);
    };
    const palette = async (text: string, entry: string): Promise<void> => {
      await p.keyboard.press('Control+Shift+P');
      const input = p.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill(`>${text}`);
      await p.locator('.quick-input-list .monaco-list-row', { hasText: entry }).first().waitFor();
      await p.keyboard.press('Enter');
    };
    const openFile = async (name: string): Promise<void> => {
      await p.keyboard.press('Control+P');
      const input = p.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill(name);
      await p.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
      await p.keyboard.press('Enter');
      await p.locator('.tabs-container .tab.active', { hasText: name }).first().waitFor({ timeout: 15_000 });
    };
    /** Go to Line, pressed again (at most three times) until the status bar shows the cursor on that line. */
    const goToLine = async (line: number, column = 1): Promise<void> => {
      const at = p.locator('[id="status.editor.selection"]', { hasText: `Ln ${line},` });
      for (let attempt = 0; attempt < 3 && !(await at.isVisible()); attempt++) {
        await p.keyboard.press('Control+G');
        const input = p.locator('.quick-input-widget input');
        if (!(await input.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false))) continue;
        await input.fill(`:${line}:${column}`);
        await p.keyboard.press('Enter');
        await input.waitFor({ state: 'hidden' });
        await at.waitFor({ timeout: 5_000 }).catch(() => {});
      }
      await at.waitFor();
    };
    const lines = blankText.split('\n');
    const rowLine = lines.findIndex((l) => l.includes(ROW_LABEL)) + 1;
    /** The row's line before the label: 三、本年度办理结果 in its first cell. */
    const rowPrefix = lines[rowLine - 1]!.slice(0, lines[rowLine - 1]!.indexOf(ROW_LABEL));

    await step('the workbench opens the workspace', async () => {
      await p.goto(`http://127.0.0.1:${server!.port}/?folder=${encodeURIComponent(workspace.dir)}`);
      await p.locator('.monaco-workbench').waitFor();
      await p.locator('.explorer-folders-view .monaco-list-row', { hasText: 'scratch' }).first().waitFor();
      await p.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } }).catch(() => {});
    });

    let form: Frame | undefined;
    await step('a CodeLens stands above the tables, and the palette opens 表三 as a form beside the draft', async () => {
      await openFile('fill-table3.md');
      await problemsAre(counted(blankText), 'the blank row');
      await p.locator('.editor-group-container .monaco-editor').first().click({ position: { x: 300, y: 200 } });
      await goToLine(rowLine, 10);
      const onTable3 = checkText(blankText).findings.filter((f) => f.range.start >= blankText.indexOf('| （本列数据') && f.range.start < blankText.indexOf('## 四、')).length;
      const lens = p.locator('.monaco-editor .codelens-decoration:visible', { hasText: `在表单中填写 · ${onTable3} 处问题` });
      try {
        await lens.first().waitFor();
      } catch {
        const seen = (await p.locator('.monaco-editor .codelens-decoration').allInnerTexts()).map((t) => t.trim());
        expect(false, `a lens 「在表单中填写 · ${onTable3} 处问题」 above 表三`, JSON.stringify(seen));
      }
      await shot('codelens');
      await p.keyboard.press('Control+B');
      await palette('在表单中填写', '在表单中填写');
      form = await webviewFrame('table.official.table3');
      await form.locator('#title', { hasText: '表三' }).waitFor();
      const inputs = await form.locator('td.value input').count();
      const rows2021 = formats.TABLE3_ROWS.filter((r) => r.formats.includes('2021')).length;
      expect(inputs === rows2021 * 7, `${rows2021} rows × 7 value cells in the form`, String(inputs));
      const label = await form.locator('th', { hasText: '（一）予以公开' }).count();
      expect(label === 1, 'the row label （一）予以公开 in the form', String(label));
      const marked = await form.locator('td.finding').count();
      expect(marked === onTable3, `${onTable3} cells marked with their findings`, String(marked));
      await shot('form-opened-light');
    });

    await step('a 表三 row filled through the form: after each cell the Markdown and the problems are right, the total is summed live', async () => {
      const f = form!;
      const first = f.locator('td.value input[aria-label*="予以公开"][aria-label*="“自然人”列"]');
      await first.click();
      const started = Date.now();
      const perCell: number[] = [];
      for (let i = 0; i < VALUES.length; i++) {
        const cellStarted = Date.now();
        await p.keyboard.type(VALUES[i]!);
        if (i === VALUES.length - 1) {
          // Before the total is written, the form shows the sum of the parts next to it.
          const sum = ((await f.locator('td.value:has(input[aria-label*="予以公开"][aria-label*="“总计”列"]) .computed').textContent()) ?? '').trim();
          expect(sum === '✓', 'the total typed to agree with its parts (✓)', JSON.stringify(sum));
        }
        await p.keyboard.press(i === VALUES.length - 1 ? 'Enter' : 'Tab');
        await lineIs(rowPrefix + rowWith(i + 1), `after cell ${i + 1}`);
        perCell.push(Date.now() - cellStarted);
        const text = filledText.replace(FILLED_ROW, rowWith(i + 1));
        await problemsAre(counted(text), `after cell ${i + 1}`);
        if (i === 5) {
          const badge = f.locator('td.value:has(input[aria-label*="予以公开"][aria-label*="“总计”列"]) .computed');
          await f.waitForFunction(() => {
            const input = document.querySelector('input[aria-label*="予以公开"][aria-label*="“总计”列"]') as unknown as { parentElement: PageElement } | null;
            return input?.parentElement.querySelector('.computed')?.textContent === '= 8';
          }, undefined, { timeout: 5_000 }).catch(() => {});
          const sum = ((await badge.textContent()) ?? '').trim();
          expect(sum === '= 8', 'the sum of the six parts shown next to the blank total (= 8)', JSON.stringify(sum));
          await shot('form-total-computed-light');
          await picture('form-light');
        }
      }
      timing.fillRowMs = Date.now() - started;
      timing.perCellMedianMs = [...perCell].sort((a, b) => a - b)[Math.floor(perCell.length / 2)]!;
      timing.perCellMaxMs = Math.max(...perCell);
      console.log(`      7 cells in ${timing.fillRowMs} ms (each typed, committed, in the Markdown and checked: median ${timing.perCellMedianMs} ms, max ${timing.perCellMaxMs} ms)`);
      await problemsAre(counted(filledText), 'the whole row');
      const focused = await f.evaluate(() => (document.querySelector(':focus') as PageElement | null)?.getAttribute('aria-label') ?? '');
      expect(/（二）部分公开/.test(focused) && /“总计”列/.test(focused), 'Enter on the total to move to the same column of the next row', JSON.stringify(focused));
      await shot('form-row-filled-light');
    });

    await step('Ctrl+Z in the draft takes back the last value, and the form shows it', async () => {
      await p.locator('.editor-group-container .monaco-editor').first().click({ position: { x: 300, y: 200 } });
      await p.keyboard.press('Control+Z');
      await lineIs(rowPrefix + rowWith(6), 'after one undo');
      const f = form!;
      await f.waitForFunction(() => (document.querySelector('input[aria-label*="予以公开"][aria-label*="“总计”列"]') as unknown as { value: string }).value === '');
      await p.keyboard.press('Control+Shift+Z');
      await lineIs(rowPrefix + rowWith(7), 'after redo');
      await f.waitForFunction(() => (document.querySelector('input[aria-label*="予以公开"][aria-label*="“总计”列"]') as unknown as { value: string }).value === '8');
      // A wrong figure typed in the text shows in the form, on its cell, with the finding's message.
      // Find selects 「予以公开 |  | 3」; the cursor after it, the 3 becomes a 4.
      await p.keyboard.press('Control+F');
      await p.locator('.find-widget.visible').waitFor();
      await p.keyboard.type('予以公开 |  | 3');
      await p.keyboard.press('Enter');
      await p.keyboard.press('Escape');
      await p.locator('.find-widget.visible').waitFor({ state: 'hidden' });
      await p.keyboard.press('ArrowRight');
      await p.keyboard.press('Backspace');
      await p.keyboard.type('4');
      await lineIs(rowPrefix + WITH_FOUR, 'after typing 4 in the text');
      await f.locator('td.finding input[aria-label*="予以公开"]').first().waitFor();
      const title = await f.locator('td.finding input[aria-label*="予以公开"]').first().getAttribute('title');
      expect(/合计|总计/.test(title ?? ''), 'the finding’s message on the cell', JSON.stringify(title));
      await shot('form-finding-light');
    });

    await step('a second 表三 row typed at speed (Tab after each figure, no wait): the Markdown and the problems end right', async () => {
      const f = form!;
      const started = Date.now();
      await f.locator('td.value input[aria-label*="属于国家秘密"][aria-label*="“自然人”列"]').click();
      for (const value of FAST_VALUES) {
        await p.keyboard.type(value);
        await p.keyboard.press('Tab');
      }
      const typed = Date.now() - started;
      const fastLine = async (): Promise<string | undefined> => editorLine(FAST_LABEL);
      const want = FAST_ROW;
      const deadline = Date.now() + 15_000;
      let seen = await fastLine();
      while (!seen?.endsWith(want) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        seen = await fastLine();
      }
      expect(seen?.endsWith(want) === true, `the Markdown line ending ${JSON.stringify(want)}`, JSON.stringify(seen));
      timing.fastRowInMarkdownMs = Date.now() - started;
      await problemsAre(counted(base.replace(FILLED_ROW, WITH_FOUR)), 'both rows filled, the 4 typed in the text');
      timing.fastRowCheckedMs = Date.now() - started;
      timing.fastRowTypedMs = typed;
      console.log(`      7 cells typed in ${typed} ms; all in the Markdown after ${timing.fastRowInMarkdownMs} ms; problems right after ${timing.fastRowCheckedMs} ms`);
      await shot('form-second-row-light');
    });

    await step('the Markdown preview shows 表三 in the official layout with the wrong cell marked', async () => {
      await p.locator('.editor-group-container .monaco-editor').first().click({ position: { x: 300, y: 200 } });
      await openFile('wrong-cell.md');
      await palette('Markdown: Open Preview to the Side', 'Open Preview to the Side');
      const preview = await webviewFrame('.nianbao-official table.table3');
      const marked = preview.locator('.nianbao-official td.nianbao-error');
      await marked.first().waitFor();
      expect((await marked.count()) === 1, 'exactly one marked cell', String(await marked.count()));
      expect((await marked.first().innerText()).trim() === '7', 'the marked cell to be the 7', await marked.first().innerText());
      const spans = await preview.locator('.nianbao-official table.table3 th[rowspan="3"][colspan="3"]').count();
      expect(spans === 1, 'the merged note cell of the official layout', String(spans));
      await preview.locator('.nianbao-official table.table3').evaluate((table) => (table as unknown as { scrollIntoView(options: unknown): void }).scrollIntoView({ block: 'start' }));
      await shot('markdown-preview');
      await picture('preview-markdown');
    });

    await step('「预览（官方版式）」 shows the whole report as it will print', async () => {
      await p.locator('.editor-group-container .monaco-editor').first().click({ position: { x: 300, y: 200 } });
      await palette('预览（官方版式）', '预览（官方版式）');
      const page2 = await webviewFrame('body > table.table3');
      await page2.locator('table.table3').waitFor();
      const headings = await page2.locator('h2').count();
      expect(headings === 6, 'the six section headings', String(headings));
      await shot('official-preview');
      await picture('preview-official');
    });
    /** Reloads the workbench with the user settings and the colour theme given (code-server reads them at load). */
    const reloadWithTheme = async (theme: string): Promise<void> => {
      writeUserSettings(userDataDir, { ...settings, 'workbench.colorTheme': theme });
      await p.reload();
      await p.locator('.monaco-workbench').waitFor();
      await p.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } }).catch(() => {});
    };
    /** Whether a frame's theme background (--vscode-editor-background) is dark. */
    const darkBackground = `(() => {
      const hex = getComputedStyle(document.documentElement).getPropertyValue('--vscode-editor-background').trim().replace('#', '');
      if (hex.length < 6) return false;
      return parseInt(hex.slice(0, 2), 16) + parseInt(hex.slice(2, 4), 16) + parseInt(hex.slice(4, 6), 16) < 200;
    })()`;
    /** The workbench reloaded in `theme`, the draft's tab again (restored after a reload), 表三's form opened in it. */
    const formInTheme = async (theme: string, bodyClass: string): Promise<Frame> => {
      await reloadWithTheme(theme);
      const tab = p.locator('.tabs-container .tab', { hasText: 'fill-table3.md' }).first();
      if (await tab.waitFor({ timeout: 15_000 }).then(() => true, () => false)) await tab.click();
      else await openFile('fill-table3.md');
      await p.locator('.tabs-container .tab.active', { hasText: 'fill-table3.md' }).first().waitFor();
      await p.locator('.editor-group-container .monaco-editor').first().click({ position: { x: 300, y: 200 } });
      await goToLine(rowLine, 10);
      await palette('在表单中填写', '在表单中填写');
      const f = await webviewFrame('table.official.table3');
      await f.locator(`body.${bodyClass}`).waitFor();
      return f;
    };
    await step('the form in the dark theme', async () => {
      const f = await formInTheme('Default Dark Modern', 'vscode-dark');
      await f.waitForFunction(darkBackground, undefined, { timeout: 20_000 });
      await f.locator('td.finding').first().waitFor();
      await f.locator('input[aria-label*="予以公开"][aria-label*="“商业企业”列"]').click();
      const colours = await f.evaluate(() => {
        const style = (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string; color: string } }).getComputedStyle(document.querySelector('body'));
        return `${style.backgroundColor} / ${style.color}`;
      });
      const workbench = await p.evaluate(() => {
        const style = (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(document.querySelector('.monaco-editor-background'));
        return style.backgroundColor;
      });
      console.log(`      form body (background / text): ${colours}; editor background: ${workbench}`);
      await shot('form-dark');
      await picture('form-dark');
    });
    await step('the form in the high contrast theme: black, its cells bordered, the wrong cell marked', async () => {
      const f = await formInTheme('Default High Contrast', 'vscode-high-contrast');
      await f.waitForFunction(darkBackground, undefined, { timeout: 20_000 });
      await f.locator('td.finding').first().waitFor();
      // What high contrast asks: borders drawn (contrastBorder), the marked cell's border a colour, not transparent.
      const drawn = await f.evaluate(() => {
        const window = globalThis as unknown as { getComputedStyle(x: unknown): Record<string, string> };
        const cell = window.getComputedStyle(document.querySelector('table.official td.value'));
        const marked = window.getComputedStyle(document.querySelector('td.finding input'));
        return { cell: cell['borderRightColor'] ?? '', marked: marked['borderTopColor'] ?? '', markedWidth: marked['borderTopWidth'] ?? '' };
      });
      const visible = (colour: string): boolean => colour !== '' && !/rgba\(\d+, \d+, \d+, 0\)|transparent/.test(colour);
      expect(visible(drawn.cell) && visible(drawn.marked) && drawn.markedWidth === '2px', 'cell borders and the marked cell visible', JSON.stringify(drawn));
      await shot('form-high-contrast');
    });

    return { passed: passed(), failed: 0, timing };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { passed: passed(), failed: 1, timing, error: timedOut ? `the form test did not finish within ${OVERALL_MS / 1000} s (at: ${message.split('\n')[0]})` : message };
  } finally {
    clearTimeout(limit);
    await browser?.close().catch(() => {});
    await server?.stop();
    rmSync(temp, { recursive: true, force: true, maxRetries: 3 });
  }
}

withTimeout(main(), OVERALL_MS + 60_000, 'the form test did not finish').then(
  (result) => {
    console.log(`form: screenshots in ${SHOTS}`);
    console.log(`E2E-PART ${JSON.stringify({ part: 'form', skipped: 0, ...result })}`);
    process.exit(result.failed ? 1 : 0);
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`form: ${message}`);
    console.log(`E2E-PART ${JSON.stringify({ part: 'form', passed: 0, failed: 1, skipped: 0, error: message })}`);
    process.exit(/^setup missing/.test(message) ? 2 : 1);
  },
);
