/**
 * Offsets ↔ LSP positions. A line ends at `\n`, `\r\n` or a lone `\r` (as LSP says); characters
 * are UTF-16 code units, which is what JavaScript string offsets already are, so an emoji
 * counts as two and a Chinese character as one.
 */
import type { Position, Range } from './types';

export class LineIndex {
  /** Offset at which each line starts. */
  readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  offset(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    const next = position.line + 1 < this.starts.length ? this.starts[position.line + 1] : this.text.length;
    let lineEnd = next;
    if (lineEnd > start && this.text.charCodeAt(lineEnd - 1) === 10) lineEnd--;
    if (lineEnd > start && this.text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    return Math.min(start + Math.max(0, position.character), lineEnd);
  }
}
