/**
 * What VS Code really draws (issue 21, item 6): the width of a Latin character, a CJK character,
 * U+3000, full-width brackets and curly quotes in the editor with its default font settings, in
 * code-server in headless Chromium; and whether a table formatted by nianbao (labels padded with
 * U+3000, core/format-tables.ts) lines up: the x of every `|` of each row, and whether the editor
 * boxes U+3000 as an invisible character (editor.unicodeHighlight). Not part of `npm run test:e2e`:
 *   node --import tsx test/e2e/ui/measure-widths.ts
 * prints the figures (the README cites them) and keeps a screenshot in test-results/e2e/widths/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyEdits, buildReport, formatTables } from '../../../server/src/core/index.js';
import { installVsix, launchChromium, loadEnv, RESULTS, startCodeServer, writeUserSettings } from '../code-server.js';
import { ROOT } from '../workspace.js';

const N = 40;
const SAMPLES: Record<string, string> = { latin: 'a', cjk: '汉', ideographicSpace: '\u3000', fullwidthBracket: '（', curlyQuote: '“', space: ' ' };

async function main(): Promise<void> {
  const env = loadEnv();
  const shots = join(RESULTS, 'widths');
  mkdirSync(shots, { recursive: true });
  const temp = mkdtempSync(join(tmpdir(), 'nianbao-widths-'));
  const workspace = join(temp, 'ws');
  mkdirSync(workspace);
  // One line per sample, in order: `|` then N of the character then `|`.
  writeFileSync(join(workspace, 'widths.txt'), `${Object.values(SAMPLES).map((ch) => `|${ch.repeat(N)}|`).join('\n')}\n`);
  // 表三 of base-2021.md formatted by nianbao, as the editor shows it.
  const base = readFileSync(join(ROOT, 'test', 'fixtures', 'rules', '_base', 'base-2021.md'), 'utf8');
  const formatted = applyEdits(base, formatTables(buildReport(base)));
  const table3 = formatted.split('\n').filter((line, i, all) => line.startsWith('|') && all.slice(0, i).some((l) => l.startsWith('## 三、')) && !all.slice(0, i).some((l) => l.startsWith('## 四、')));
  writeFileSync(join(workspace, 'formatted.md'), `${table3.join('\n')}\n`);
  const userDataDir = join(temp, 'user-data');
  const extensionsDir = join(temp, 'extensions');
  writeUserSettings(userDataDir, { '[markdown]': { 'editor.wordWrap': 'off' }, 'editor.minimap.enabled': false });
  const vsix = join(ROOT, 'nianbao-0.1.0.vsix');
  if (process.env.NIANBAO_WIDTHS_WITH_EXTENSION === '1') installVsix(env, vsix, extensionsDir);
  const server = await startCodeServer(env, { userDataDir, extensionsDir });
  const browser = await launchChromium(env);
  try {
    const page = await browser.newPage({ viewport: { width: 1900, height: 1000 } });
    await page.goto(`http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const open = async (name: string): Promise<void> => {
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill(name);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
      await page.locator('.view-line').first().waitFor();
    };
    /** Each visible line's text and the right edge (x) of every `|` in it, measured with DOM ranges on the rendered text. */
    // A string, not a function: tsx's helper names would not exist in the page.
    const measure = (): Promise<{ top: number; text: string; pipes: number[] }[]> =>
      page.evaluate(`(() => {
        const lines = [...document.querySelectorAll('.view-lines .view-line')];
        return lines.map((line) => {
          const pipes = [];
          let text = '';
          const stack = [line];
          const texts = [];
          while (stack.length) {
            const node = stack.pop();
            if (node.nodeType === 3) texts.push(node);
            else for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]);
          }
          for (const node of texts) {
            const value = node.textContent || '';
            for (let i = 0; i < value.length; i++) {
              if (value[i] !== '|') continue;
              const range = document.createRange();
              range.setStart(node, i);
              range.setEnd(node, i + 1);
              pipes.push(range.getBoundingClientRect().left);
            }
            text += value;
          }
          return { top: parseFloat(line.style.top), text, pipes };
        }).sort((a, b) => a.top - b.top);
      })()`);
    await open('widths.txt');
    const font = await page.evaluate(`(() => { const s = getComputedStyle(document.querySelector('.view-lines')); return s.fontFamily + ' ' + s.fontSize; })()`);
    const lines = (await measure()).filter((line) => line.pipes.length === 2);
    const corrected: Record<string, number> = {};
    Object.keys(SAMPLES).forEach((name, i) => (corrected[name] = (lines[i]!.pipes[1]! - lines[i]!.pipes[0]!) / N));
    const l = corrected.latin!;
    console.log(`editor font: ${font}`);
    for (const [name, w] of Object.entries(corrected)) console.log(`  ${name.padEnd(18)} ${w.toFixed(3)} px = ${(w / l).toFixed(3)} Latin widths`);
    await page.screenshot({ path: join(shots, 'widths.png') });

    await open('formatted.md');
    const rows = (await measure()).filter((r) => r.text.startsWith('|') && r.pipes.length > 5);
    const reference = rows.find((r) => r.text.includes('165'))!;
    let worstData = 0;
    let worstHeader = 0;
    for (const row of rows) {
      const off = Math.max(...row.pipes.map((x, i) => Math.abs(x - (reference.pipes[i] ?? x))));
      if (/\d/.test(row.text.replace(/[一二三四五六七八九]、|\d\./g, ''))) worstData = Math.max(worstData, off);
      else worstHeader = Math.max(worstHeader, off);
    }
    console.log(`formatted 表三 (${rows.length} rows on screen): data rows off by at most ${worstData.toFixed(2)} px, header rows by at most ${worstHeader.toFixed(2)} px (${(worstHeader / l).toFixed(2)} Latin widths)`);
    const boxed = await page.locator('.unicode-highlight, .unicode-highlight-inline, [class*="unicode-highlight"]').count();
    console.log(`U+3000 boxed by unicodeHighlight: ${boxed} decorations on screen`);
    await page.screenshot({ path: join(shots, 'formatted-table3.png') });
    console.log(`screenshots in ${shots}`);
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
    rmSync(temp, { recursive: true, force: true, maxRetries: 3 });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
