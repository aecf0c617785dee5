/**
 * The steps of a UI test part (ui.ts, tables.ts, form.ts): each named step timed and logged as
 * `<part>: PASS|FAIL name (ms)`, a screenshot of the page when one fails, numbered screenshots.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** The step runner of one part; `page` is read when a screenshot is taken (it is made after the runner). */
export function uiSteps(part: string, shots: string, page: () => Page | undefined) {
  let passed = 0;
  let shotNumber = 0;
  const shot = async (name: string): Promise<void> => {
    const current = page();
    if (!current || current.isClosed()) return;
    await current.screenshot({ path: join(shots, `${String(++shotNumber).padStart(2, '0')}-${name}.png`) });
  };
  const step = async (name: string, body: () => Promise<void>): Promise<void> => {
    const started = Date.now();
    try {
      await body();
    } catch (error) {
      await shot(`FAILED-${name.replace(/\W+/g, '-')}`).catch(() => {});
      console.log(`${part}: FAIL ${name} (${Date.now() - started} ms)\n      ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
    passed++;
    console.log(`${part}: PASS ${name} (${Date.now() - started} ms)`);
  };
  return { shot, step, passed: (): number => passed };
}
