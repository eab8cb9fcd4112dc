import { cleanText } from './node-text';

/**
 * A DOT double-quoted string: backslashes are doubled (so names cannot form Graphviz escapes such as
 * `\N` or `\l`), quotes escaped, `&` written `&amp;` (Graphviz decodes HTML entities in labels, so
 * `&lt;` would otherwise show as `<`), line breaks become `\n`.
 * @see https://graphviz.org/doc/info/lang.html
 */
export function dotString(text: string): string {
  return `"${cleanText(text).replace(/&/g, '&amp;').replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r\n|\r|\n/g, '\\n')}"`;
}

/** Characters that are plain text in every Mermaid context (quoted labels, HTML and Markdown labels). */
const PLAIN = /^[A-Za-z0-9 .,:/=@+()-]$/;

/**
 * Text for a quoted Mermaid label: every character outside letters, digits, space and `.,:/=@+()-`
 * becomes a Mermaid entity code (`#34;`), so a name can close neither the quote nor the shape, start
 * no HTML tag and no Markdown (`*`, `_`, backticks), and form no link syntax.
 * @see https://mermaid.js.org/syntax/flowchart.html#entity-codes-to-escape-characters
 */
export function mermaidText(text: string): string {
  let out = '';
  for (const ch of cleanText(text)) {
    out += PLAIN.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  }
  return out;
}
