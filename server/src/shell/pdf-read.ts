/**
 * A PDF's text layer and ruling lines, page by page, read with pdfjs-dist (Mozilla's PDF.js, pure
 * JavaScript). Bytes in, pages out (`pdf-layout.ts` rebuilds the report from them); no file access.
 *
 * Safety (issue 22): embedded code is never evaluated (`isEvalSupported: false`: the font-program
 * flaw CVE-2024-4367 was code built from a font and run with `new Function`; pdfjs-dist ≥ 4.2.67 is
 * fixed, and evaluation is off besides), no font is loaded into any renderer, nothing is fetched.
 * Bounded as every reader of what users bring (issue 18): pages, text items, drawing operators and
 * the time spent, each checked as it is counted; past one, one message naming it and its limit.
 *
 * pdfjs runs its "worker" in this thread: the worker module is imported here and handed to pdfjs
 * as `globalThis.pdfjsWorker`, so the bundles (and the single executable, which has no file of
 * pdfjs beside it) need no worker file.
 */
import { say, type LocalizedText } from '../core/index.js';

/** The budgets of a PDF, each far above a real report (some 10 pages, 5,000 text pieces). */
export const PDF_LIMITS = {
  pages: 300,
  /** Text pieces in the whole file. */
  textItems: 300_000,
  /** Drawing operators in the whole file. */
  operators: 1_000_000,
  /** Wall time of the whole read. */
  milliseconds: 30_000,
} as const;

/** Budgets of one read (tests give smaller ones). */
export type PdfLimits = { readonly [K in keyof typeof PDF_LIMITS]: number };

/** One piece of text, in page coordinates with the origin at the top left (y grows downwards). */
export interface PdfText {
  readonly str: string;
  /** Left edge and baseline. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  /** The font size (the height of the text). */
  readonly size: number;
}

/** A horizontal or vertical ruling line (a stroked segment, or a thin filled rectangle), top-left origin. */
export interface PdfRule {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** One page. */
export interface PdfPage {
  readonly width: number;
  readonly height: number;
  readonly texts: readonly PdfText[];
  readonly rules: readonly PdfRule[];
  /** Pictures painted on the page. */
  readonly images: number;
}

/** Why a PDF gives no pages. */
export interface PdfRefusal {
  readonly kind: 'encrypted' | 'damaged' | 'too-complex';
  readonly message: LocalizedText;
}

/** The subset of pdfjs this reader uses, typed here (its own types are broad and change between versions). */
interface PdfJs {
  getDocument(source: Record<string, unknown>): { promise: Promise<PdfDocument>; destroy(): Promise<void> };
  OPS: Record<string, number>;
}
interface PdfDocument {
  numPages: number;
  getPage(n: number): Promise<PdfJsPage>;
  destroy(): Promise<void>;
}
interface PdfJsPage {
  view: number[];
  getTextContent(): Promise<{ items: { str?: string; transform?: number[]; width?: number; height?: number }[] }>;
  getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[][] }>;
  cleanup(): void;
}

let loaded: Promise<PdfJs> | undefined;

/** pdfjs, loaded once, with its worker in this thread. */
function pdfjs(): Promise<PdfJs> {
  // Loaded on the first PDF only (3 MB of code); `require`, which the bundles and Node's require(esm) both follow.
  loaded ??= (async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const worker: unknown = require('pdfjs-dist/legacy/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('pdfjs-dist/legacy/build/pdf.mjs') as PdfJs;
  })();
  return loaded;
}

const TOO_COMPLEX = (zh: string, en: string): PdfRefusal => ({
  kind: 'too-complex',
  message: say(`PDF ${zh}，超出了年度报告的规模，未读取`, `the PDF ${en}, beyond any annual report; not read`),
});

type Matrix = [number, number, number, number, number, number];

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** The ruling lines a page draws: stroked horizontal/vertical segments and thin filled rectangles. */
function rulesOf(ops: { fnArray: number[]; argsArray: unknown[][] }, OPS: Record<string, number>, top: number, out: PdfRule[]): number {
  const height = top;
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  let images = 0;
  const STROKES = new Set([OPS['stroke'], OPS['closeStroke'], OPS['fillStroke'], OPS['eoFillStroke'], OPS['closeFillStroke'], OPS['closeEOFillStroke']]);
  const FILLS = new Set([OPS['fill'], OPS['eoFill'], OPS['fillStroke'], OPS['eoFillStroke'], OPS['closeFillStroke'], OPS['closeEOFillStroke']]);
  const IMAGES = new Set([OPS['paintImageXObject'], OPS['paintInlineImageXObject'], OPS['paintImageMaskXObject'], OPS['paintImageXObjectRepeat'], OPS['paintInlineImageXObjectGroup']]);
  const push = (ax: number, ay: number, bx: number, by: number): void => {
    const [x1, y1] = apply(ctm, ax, ay);
    const [x2, y2] = apply(ctm, bx, by);
    if (Math.abs(y1 - y2) < 0.8) out.push({ x1: Math.min(x1, x2), x2: Math.max(x1, x2), y1: height - (y1 + y2) / 2, y2: height - (y1 + y2) / 2 });
    else if (Math.abs(x1 - x2) < 0.8) out.push({ x1: (x1 + x2) / 2, x2: (x1 + x2) / 2, y1: height - Math.max(y1, y2), y2: height - Math.min(y1, y2) });
  };
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i];
    if (fn === OPS['save']) stack.push(ctm);
    else if (fn === OPS['restore']) ctm = stack.pop() ?? ctm;
    else if (fn === OPS['transform'] && args) ctm = multiply(ctm, args.slice(0, 6).map(Number) as Matrix);
    else if (fn !== undefined && IMAGES.has(fn)) images++;
    else if (fn === OPS['constructPath'] && args) {
      const paint = Number(args[0]);
      const data = (args[1] as ArrayLike<number>[] | undefined)?.[0];
      if (!data) continue;
      const stroke = STROKES.has(paint);
      const fill = FILLS.has(paint);
      if (!stroke && !fill) continue;
      // The path as polygons (curves are no ruling lines: their ends only move the pen).
      let polygon: [number, number][] = [];
      const close = (): void => {
        if (polygon.length >= 2) {
          if (stroke) for (let k = 1; k < polygon.length; k++) push(...polygon[k - 1]!, ...polygon[k]!);
          if (fill && !stroke) thinRectangle(polygon);
        }
        polygon = [];
      };
      const thinRectangle = (points: [number, number][]): void => {
        const xs = points.map((p) => apply(ctm, p[0], p[1])[0]);
        const ys = points.map((p) => apply(ctm, p[0], p[1])[1]);
        const w = Math.max(...xs) - Math.min(...xs);
        const h = Math.max(...ys) - Math.min(...ys);
        const x = Math.min(...xs);
        const y = Math.min(...ys);
        // A border drawn as a thin filled rectangle (browsers' PDFs): the line along its long side.
        if (h <= 2.5 && w > 2 * h) out.push({ x1: x, x2: x + w, y1: height - (y + h / 2), y2: height - (y + h / 2) });
        else if (w <= 2.5 && h > 2 * w) out.push({ x1: x + w / 2, x2: x + w / 2, y1: height - (y + h), y2: height - y });
      };
      for (let k = 0; k < data.length; ) {
        const op = data[k]!;
        if (op === 0) {
          close();
          polygon.push([data[k + 1]!, data[k + 2]!]);
          k += 3;
        } else if (op === 1) {
          polygon.push([data[k + 1]!, data[k + 2]!]);
          k += 3;
        } else if (op === 2) {
          close();
          polygon.push([data[k + 5]!, data[k + 6]!]);
          k += 7;
        } else if (op === 3) {
          close();
          polygon.push([data[k + 3]!, data[k + 4]!]);
          k += 5;
        } else {
          if (polygon.length > 0) polygon.push(polygon[0]!);
          close();
          k += 1;
        }
      }
      close();
    }
  }
  return images;
}

/** The text pieces of a page, top-left origin; empty pieces dropped. */
function textsOf(items: { str?: string; transform?: number[]; width?: number; height?: number }[], top: number): PdfText[] {
  const height = top;
  const texts: PdfText[] = [];
  for (const item of items) {
    if (typeof item.str !== 'string' || item.str === '' || !item.transform) continue;
    const [a, b, , d, e, f] = item.transform as [number, number, number, number, number, number];
    // Rotated text (a stamp, a watermark) is no part of the report's lines.
    if (Math.abs(b) > 0.01 * Math.abs(a) || a <= 0) continue;
    texts.push({ str: item.str, x: e, y: height - f, width: item.width ?? 0, size: Math.abs(d) || item.height || Math.abs(a) });
  }
  return texts;
}

/**
 * Reads a PDF's pages within the budgets, or says why not (encrypted, damaged, past a budget).
 * Never throws.
 */
export async function readPdf(bytes: Uint8Array, limits: PdfLimits = PDF_LIMITS): Promise<{ readonly pages: PdfPage[] } | PdfRefusal> {
  const started = Date.now();
  let lib: PdfJs;
  try {
    lib = await pdfjs();
  } catch (error) {
    return { kind: 'damaged', message: say(`无法加载 PDF 读取程序（${(error as Error).message}）`, `the PDF reader could not be loaded (${(error as Error).message})`) };
  }
  // pdfjs takes ownership of the array it is given: a copy keeps the caller's bytes intact.
  const task = lib.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), limits.milliseconds);
    timer.unref?.();
  });
  const overTime = TOO_COMPLEX(`读取超过 ${limits.milliseconds / 1000} 秒（上限）`, `took longer than ${limits.milliseconds / 1000} s (the limit) to read`);
  let document: PdfDocument | undefined;
  try {
    const opened = await Promise.race([task.promise, timeout]);
    if (opened === 'timeout') return overTime;
    document = opened;
    if (document.numPages > limits.pages) return TOO_COMPLEX(`有 ${document.numPages} 页（上限 ${limits.pages} 页）`, `has ${document.numPages} pages (the limit is ${limits.pages})`);
    const pages: PdfPage[] = [];
    let items = 0;
    let operators = 0;
    for (let n = 1; n <= document.numPages; n++) {
      const page = await Promise.race([document.getPage(n), timeout]);
      if (page === 'timeout') return overTime;
      const [x0 = 0, y0 = 0, x1 = 595, y1 = 842] = page.view;
      // The drawing first: the fonts it loads serve the text after it (a third faster than the other way round).
      const ops = await Promise.race([page.getOperatorList(), timeout]);
      if (ops === 'timeout') return overTime;
      operators += ops.fnArray.length;
      if (operators > limits.operators) return TOO_COMPLEX(`中的绘图指令过多（超过 ${limits.operators} 条，上限）`, `holds too many drawing operators (more than ${limits.operators}, the limit)`);
      const content = await Promise.race([page.getTextContent(), timeout]);
      if (content === 'timeout') return overTime;
      items += content.items.length;
      if (items > limits.textItems) return TOO_COMPLEX(`中的文字片段过多（超过 ${limits.textItems} 个，上限）`, `holds too many pieces of text (more than ${limits.textItems}, the limit)`);
      const rules: PdfRule[] = [];
      // Top-left origin: y measured down from the page's top edge.
      const images = rulesOf(ops, lib.OPS, y1, rules);
      pages.push({ width: x1 - x0, height: y1 - y0, texts: textsOf(content.items, y1), rules, images });
      page.cleanup();
      if (Date.now() - started > limits.milliseconds) return overTime;
    }
    return { pages };
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException') {
      return { kind: 'encrypted', message: say('这是受密码保护的 PDF：请取消密码后再提交', 'a password-protected PDF: remove the password first') };
    }
    return { kind: 'damaged', message: say('无法读取 PDF，文件可能已损坏或不完整：请重新导出 PDF，或提交 Word 文档（.docx）', 'cannot read the PDF, it may be damaged or cut short: export it again, or send the Word document (.docx)') };
  } finally {
    clearTimeout(timer);
    await (document ? document.destroy() : task.destroy()).catch(() => undefined);
  }
}
