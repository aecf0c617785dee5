/**
 * Synthetic reports for the benchmark: a real report grown `factor` times by repeating its
 * prose paragraphs (the tables stay one set, as in a real report with a long text).
 */

/** The report with its paragraphs of prose repeated until it is about `factor` times as long. */
export function scaledReport(text: string, factor: number): string {
  const target = text.length * factor;
  const paragraphs = text.split(/\n\n/).filter((p) => !p.startsWith('|') && !p.startsWith('#') && p.length > 40);
  const insertAt = text.indexOf('\n## 二、');
  let extra = '';
  for (let i = 0; text.length + extra.length < target; i++) extra += `\n${paragraphs[i % paragraphs.length]}\n`;
  return `${text.slice(0, insertAt)}${extra}${text.slice(insertAt)}`;
}
