/** A small, strict scanner for the HTML the panel renderer produces (well-formed by construction). */
export interface Tag {
  name: string;
  closing: boolean;
  attrs: Record<string, string>;
  raw: string;
}

export function tagsOf(html: string): Tag[] {
  const tags: Tag[] = [];
  const re = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) {
    const attrs: Record<string, string> = {};
    const attrRe = /\s+([^\s=>]+)(?:="([^"]*)")?/g;
    let a: RegExpExecArray | null;
    while ((a = attrRe.exec(m[3]))) attrs[a[1].toLowerCase()] = a[2] ?? '';
    tags.push({ name: m[2].toLowerCase(), closing: m[1] === '/', attrs, raw: m[0] });
  }
  return tags;
}

/** Every `<` in the text must start one of the scanned tags (or the doctype). */
export function strayAngles(html: string): string[] {
  const withoutTags = html.replace(/<!DOCTYPE html>/i, '').replace(/<(\/?)([a-zA-Z][\w-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g, '');
  const stray: string[] = [];
  let i = withoutTags.indexOf('<');
  while (i >= 0) {
    stray.push(withoutTags.slice(Math.max(0, i - 20), i + 40));
    i = withoutTags.indexOf('<', i + 1);
  }
  return stray;
}

/** Text between <style> and </style> (the standalone page's one inline style). */
export function styleContents(html: string): string[] {
  return [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
}

export function unescapeHtml(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
