// How model strings are made safe for the generated code and its READMEs, in one place.

/** A JSON (and so TypeScript) literal. JSON.stringify leaves U+2028/U+2029 raw, and ECMAScript
 * ends a `//` comment line at them (and older parsers a string): escaped too. */
export const jsLiteral = (v: unknown): string =>
  JSON.stringify(v)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

/** A quoted string inside a comment: one line, unable to close the comment. */
export const quotedComment = (v: unknown): string => jsLiteral(String(v)).replace(/\*\//g, '*\\/');

/** Unquoted text inside a block comment on one line: no comment end, no line terminator of any kind. */
export const commentText = (s: string): string => s.replace(/\*\//g, '*\\/').replace(/[\r\n\u2028\u2029\u0085]/g, ' ');

/** A double-quoted literal in ASCII: quotes and backslashes escaped, printable ASCII kept, every other
 * character escaped as `below256` spells a code under 256 (else \uXXXX, \UXXXXXXXX): no model string
 * can end the literal, a comment or the line. Python and TOML differ only in that one spelling. */
export function asciiQuoted(s: string, below256: (hex2: string) => string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c < 0x100) out += below256(c.toString(16).padStart(2, '0'));
    else if (c < 0x10000) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += `\\U${c.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** Model text in a README line: Markdown punctuation escaped, whitespace runs as one space. */
export const markdownText = (v: unknown): string =>
  String(v)
    .replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&')
    .replace(/\s+/g, ' ');

/** A Markdown code fence longer than any backtick run inside `text`. */
export const codeFence = (text: string): string => '`'.repeat(Math.max(3, ...(text.match(/`+/g) ?? []).map((r) => r.length + 1)));
