/** What each measured tool offers its worker (bench/toolWorker.cjs). */
export interface Tool {
  /** A new repetition over the corpus in `dir`. */
  begin(dir: string): void;
  /** Process one file; returns a count (keeps the work observable). */
  add(relPath: string, text: string): number;
  /** The step after all files (ours: coverage and scores); returns a count. */
  finish(): number;
}
