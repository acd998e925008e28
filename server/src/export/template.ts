/**
 * A certification body's own Word form, filled with docxtemplater: `{organisation}`, `{total}`,
 * `{star}` … and loops `{#items}…{/items}` (a table row with `{#items}` in its first cell and
 * `{/items}` in its last repeats per item). The placeholders are those of placeholders.ts.
 *
 * Before filling, every tag of the template is checked against that catalogue, in its scope (a
 * loop's fields, then the enclosing loops', then the top level): an unknown one is an error that
 * names it, where it is, and the nearest known name. A template docxtemplater cannot read
 * (unclosed loop, stray brace) is an error listing docxtemplater's explanations.
 */
import Docxtemplater from 'docxtemplater';
import InspectModule from 'docxtemplater/js/inspect-module.js';
import PizZip from 'pizzip';
import { suggestClosest } from './suggest';
import { PLACEHOLDERS, type PlaceholderGroup } from './placeholders';
import { cleanText } from './text';

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

interface Part {
  type: string;
  value?: string;
  module?: string;
  inverted?: boolean;
  subparsed?: Part[];
}

/** Fill `template` (the .docx bytes) with `data`; `name` is how the template is shown in errors. */
export function fillTemplate(template: Uint8Array, data: object, name: string): Buffer {
  let zip: PizZip;
  try {
    zip = new PizZip(template);
  } catch (e) {
    throw new TemplateError(`template ${name} is not a Word document (.docx): ${(e as Error).message}`);
  }
  if (!zip.file('word/document.xml')) throw new TemplateError(`template ${name} is not a Word document (.docx): it has no word/document.xml`);
  const inspect = new InspectModule();
  let doc: Docxtemplater;
  try {
    doc = new Docxtemplater(zip, { paragraphLoop: true, linebreaks: true, modules: [inspect], nullGetter: () => '', errorLogging: false });
  } catch (e) {
    throw new TemplateError(`template ${name} cannot be read: ${explain(e)}`);
  }
  const unknown = unknownPlaceholders(inspect.getAllStructuredTags() as unknown as Part[]);
  if (unknown.length) {
    const list = unknown.map((u) => `{${u.tag}}${u.scope ? ` (inside {#${u.scope}})` : ''}${u.suggestion ? ` — did you mean {${u.suggestion}}?` : ''}`);
    throw new TemplateError(`template ${name} has ${unknown.length === 1 ? 'an unknown placeholder' : `${unknown.length} unknown placeholders`}: ${list.join('; ')} (every placeholder: docs/export.md)`);
  }
  try {
    doc.render(clean(data));
  } catch (e) {
    throw new TemplateError(`template ${name} cannot be filled: ${explain(e)}`);
  }
  return doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' }) as Buffer;
}

export interface UnknownPlaceholder {
  tag: string;
  /** The innermost loop it is in. */
  scope?: string;
  suggestion?: string;
}

/** The template's tags that are not placeholders in their scope. */
export function unknownPlaceholders(parts: Part[], catalogue: PlaceholderGroup = PLACEHOLDERS): UnknownPlaceholder[] {
  const out: UnknownPlaceholder[] = [];
  const seen = new Set<string>();
  const walk = (ps: Part[], scopes: { name?: string; group: PlaceholderGroup }[]) => {
    for (const p of ps) {
      if (p.type !== 'placeholder' || p.value === undefined) continue;
      const tag = p.value.trim();
      const isSection = p.module === 'loop';
      const found = resolve(tag, isSection, scopes);
      const scope = scopes[scopes.length - 1]?.name;
      if (found === undefined) {
        const key = `${scope ?? ''}\u0000${tag}`;
        if (!seen.has(key)) {
          seen.add(key);
          const known = scopes.flatMap((s) => [...Object.keys(s.group.fields), ...Object.keys(s.group.loops)]);
          const suggestion = suggestClosest(tag, known);
          out.push({ tag: isSection ? `#${tag}` : tag, ...(scope ? { scope } : {}), ...(suggestion ? { suggestion: isSection ? `#${suggestion}` : suggestion } : {}) });
        }
        // The fields of an unknown loop cannot be known: only the loop is reported.
        continue;
      }
      if (p.subparsed) walk(p.subparsed, found === 'field' ? scopes : [...scopes, { name: tag, group: found }]);
    }
  };
  walk(parts, [{ group: catalogue }]);
  return out;
}

/** A tag's meaning in the innermost scope that knows it: a loop's group, 'field', or undefined. */
function resolve(tag: string, isSection: boolean, scopes: { group: PlaceholderGroup }[]): PlaceholderGroup | 'field' | undefined {
  for (let i = scopes.length - 1; i >= 0; i--) {
    const g = scopes[i].group;
    if (Object.prototype.hasOwnProperty.call(g.loops, tag)) return g.loops[tag];
    // A plain field may open a section too (a condition: `{#passed}…{/passed}`).
    if (Object.prototype.hasOwnProperty.call(g.fields, tag)) return 'field';
  }
  void isSection;
  return undefined;
}

function explain(e: unknown): string {
  const err = e as { message?: string; properties?: { errors?: { properties?: { explanation?: string; xtag?: string } }[]; explanation?: string } };
  const errors = err.properties?.errors;
  if (errors?.length) return errors.map((x) => x.properties?.explanation ?? '').filter(Boolean).join('; ');
  return err.properties?.explanation ?? err.message ?? String(e);
}

/** Every string made safe for XML (control characters dropped). */
function clean(v: unknown): unknown {
  if (typeof v === 'string') return cleanText(v);
  if (Array.isArray(v)) return v.map(clean);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clean(x)]));
  return v;
}
