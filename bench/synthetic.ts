/**
 * Synthetic reports for the benchmark: a real report grown `factor` times by repeating its
 * prose paragraphs (the tables stay one set, as in a real report with a long text).
 */

/** The report with its paragraphs of prose repeated until it is about `factor` times as long. */
export function scaledReport(text: string, factor: number): string {
  // Sizes in UTF-8 bytes, as a file on disk is measured.
  const target = Buffer.byteLength(text) * factor;
  const paragraphs = text.split(/\n\n/).filter((p) => !p.startsWith('|') && !p.startsWith('#') && p.length > 40);
  const insertAt = text.indexOf('\n## 二、');
  let extra = '';
  let size = Buffer.byteLength(text);
  for (let i = 0; size < target; i++) {
    const piece = `\n${paragraphs[i % paragraphs.length]}\n`;
    const bytes = Buffer.byteLength(piece);
    if (size + bytes > target && size > target * 0.97) break;
    extra += piece;
    size += bytes;
  }
  return `${text.slice(0, insertAt)}${extra}${text.slice(insertAt)}`;
}
