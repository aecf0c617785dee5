/**
 * Text written into Markdown so that it stays text (issue 18): what was text in a Word file or a
 * web page must not become markup in the imported draft. A visible `<!-- nianbao-disable-file -->`
 * in the Word text became a real directive that switched every check off; `<script>` and a
 * leading `#` came through as a tag and a heading. Only what Markdown or HTML would read as
 * markup is escaped; other punctuation is written as it was (markdown-convention.md: the text as
 * the author wrote it).
 */

/** An ampersand that starts a character reference (`&lt;`, `&#60;`): written as `&amp;` so it stays literal. */
const ENTITY = /&(?=#\d{1,7};|#x[0-9a-f]{1,6};|[a-z][a-z0-9]{1,31};)/gi;
/** A `<` that opens a tag, a comment, a declaration or an autolink. */
const TAG_OPEN = /<(?=[a-z/!?])/gi;

/** Text that HTML would read as markup written with character references: `<` and `&` where they would start one. */
export function escapeHtmlText(text: string): string {
  return text.replace(ENTITY, '&amp;').replace(TAG_OPEN, '&lt;');
}

/** ASCII punctuation a backslash escapes in CommonMark (§2.4): such a backslash in the text is doubled. */
const BACKSLASH_ESCAPE = /\\(?=[!-/:-@[-`{-~])/g;

/**
 * Line starts that would make a paragraph something else, or hide it: a heading, a block quote
 * (whose text nianbao does not check), a thematic break, a code fence (which would take in the
 * rest of the draft), a link reference definition (which is not shown). A list item stays one:
 * its text is read as it is.
 */
const BLOCK_STARTS: readonly RegExp[] = [/^#{1,6}(?=[ \t]|$)/, /^>/, /^(?:[-*_][ \t]*){3,}$/, /^(?:`{3,}|~{3,})/, /^\[[^\]\n]{1,999}\]:/];

/**
 * One line of prose as literal Markdown: HTML markup escaped, backslashes before punctuation
 * doubled, and a start that would open another block escaped with a backslash.
 */
export function literalLine(text: string): string {
  const line = escapeHtmlText(text.replace(BACKSLASH_ESCAPE, '\\\\'));
  return BLOCK_STARTS.some((start) => start.test(line)) ? `\\${line}` : line;
}
