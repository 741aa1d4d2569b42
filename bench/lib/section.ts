/** @module The contract of a benchmark section: one module per section, run alone with `--only`. */

export interface BenchContext {
  /** Repository root. */
  root: string;
  /** Smaller sizes, for checking the benchmark itself quickly. */
  quick: boolean;
  /** Runs per measurement (default 3); the fastest counts (other load only slows runs down). */
  repeat: number;
  /** Prints a line of the report. */
  log(line: string): void;
}

export interface SectionResult {
  /** Headline figures; they go to the top level of the `--json` file. */
  figures: Record<string, number | boolean>;
  /** Everything else worth keeping (per-run details), under `sections.<name>` in the JSON. */
  details: unknown;
}

export interface BenchSection {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<SectionResult>;
}
