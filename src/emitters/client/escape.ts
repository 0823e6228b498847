// How model strings are made safe for the generated TypeScript, in one place.

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
