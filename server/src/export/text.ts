/**
 * Text from a report on its way into an Office file or a page: it stays text.
 * - XML 1.0 cannot carry most control characters, lone surrogates or U+FFFE/U+FFFF: a .docx or
 *   .xlsx with one of them is refused by Word ("unreadable content") and LibreOffice. They are
 *   dropped; a tab becomes a space.
 * - Bidirectional overrides (U+202A–U+202E, U+2066–U+2069) could make a cell read backwards: dropped.
 * - A spreadsheet starts a formula at `=`, `+`, `-`, `@` (and some at a tab or a carriage return):
 *   `formulaLike` tells the xlsx writer which text cells to mark as text (quotePrefix) so that
 *   editing the cell in Excel or LibreOffice keeps it text. The writers never write user text as
 *   a formula in any case.
 * Pure string functions.
 */

// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;

/** Text safe in an XML part: no control characters (tab → space, CR LF / CR → LF), no lone surrogates, no bidi overrides. */
export function cleanText(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(NOT_XML, '').replace(BIDI, '');
}

/** Text on one line (cells of a key–value table, headers): line breaks become spaces. */
export function oneLine(s: string): string {
  return cleanText(s).replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * Whether a spreadsheet would read typed text as a formula or a command: it starts with `=`, `+`,
 * `-`, `@` (also their full-width forms, which some input methods produce), or a tab or CR
 * (OWASP "CSV injection").
 */
export function formulaLike(s: string): boolean {
  return /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(s);
}

/** `&`, `<`, `>`, `"`, `'` escaped for HTML text and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A link target worth making clickable in a deliverable: http(s) and mailto only. */
export function safeLink(target: string | undefined): string | undefined {
  if (!target) return undefined;
  const t = target.trim();
  return /^(https?:\/\/[^\s<>"]+|mailto:[^\s<>"]+)$/i.test(t) ? t : undefined;
}

/**
 * Inline Markdown of a report's evidence or notes as plain text: `[text](target)` → `text（target）`
 * for a file reference (the auditor's trace), the text alone for a URL (kept as a link by the
 * caller when wanted); emphasis markers, code backticks and backslash escapes removed; raw HTML
 * stays visible as text (inert).
 */
export function inlineMarkdownText(s: string, locale: 'zh' | 'en' = 'zh'): string {
  const open = locale === 'zh' ? '（' : ' (';
  const close = locale === 'zh' ? '）' : ')';
  // Backslash escapes first, kept aside so that `\*` is never read as emphasis.
  const escaped: string[] = [];
  let out = s
    .replace(/\uE000/g, '')
    .replace(/\\([!-/:-@[-`{-~])/g, (_m, c: string) => `\uE000${escaped.push(c) - 1}\uE000`)
    .replace(/!\[([^\]]*)\]\(([^)\s]*)(?:\s+["'][^"']*["'])?\)/g, (_m, alt: string) => alt)
    .replace(/\[([^\]]+)\]\(([^)\s]*)(?:\s+["'][^"']*["'])?\)/g, (_m, label: string, target: string) =>
      !target || /^[a-z][\w+.-]*:/i.test(target) || target.startsWith('#') ? label : `${label}${open}${decodeTarget(target)}${close}`,
    )
    .replace(/<((?:https?|mailto):[^>\s]+)>/gi, '$1')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\w)/g, '$1$2')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1')
    .replace(/`+([^`]+?)`+/g, '$1');
  out = out.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => escaped[Number(i)] ?? '');
  return cleanText(out);
}

function decodeTarget(t: string): string {
  try {
    return decodeURI(t);
  } catch {
    return t;
  }
}
