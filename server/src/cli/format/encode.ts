/**
 * Encoding text from a repository we did not write into the machine formats CI systems read
 * (GitLab Code Quality JSON, JUnit XML). Nothing a document, file name or message holds may
 * break the format or act on the terminal or CI log it is printed to:
 * - XML: `& < > " '` escaped, characters XML 1.0 forbids (C0 controls but tab, LF and CR; lone
 *   surrogates; U+FFFE, U+FFFF) replaced by U+FFFD, DEL and C1 controls (a C1 CSI is a terminal
 *   escape) and U+2028/U+2029 written as character references, and line breaks inside text and attributes as
 *   `&#10;`, so every line of the output starts with our own markup. No CDATA sections: nothing
 *   can close one early.
 * - JSON: JSON.stringify escapes C0 controls and lone surrogates; DEL, C1 controls and the
 *   JavaScript line separators U+2028/U+2029 are escaped as well.
 */

/** What XML 1.0 allows (§2.2 Char), negated; with the `u` flag lone surrogates match too. */
const XML_ILLEGAL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const XML_SPECIAL = /[&<>"'\t\n\r\u007f-\u009f\u2028\u2029]/g;

const NAMED: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function reference(c: string): string {
  return NAMED[c] ?? `&#${c.codePointAt(0)};`;
}

/** Text for an XML attribute value or element content (see the module comment). */
export function xmlText(s: string): string {
  return s.replace(XML_ILLEGAL, '\uFFFD').replace(XML_SPECIAL, reference);
}

/** JSON with DEL, C1 controls and U+2028/U+2029 escaped too. */
export function safeJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
