/**
 * Exit codes of the report command and the one error type that carries them. Anything thrown
 * that is not a ReportError is a bug or an engine failure and is reported as an analysis failure.
 */
export const EXIT = {
  ok: 0,
  /** wrong flags or values: unknown flag, malformed --as-of, missing --orders or --json */
  usage: 2,
  /** an input file cannot be read or recognised, required columns are missing, the mapping file is invalid */
  input: 3,
  /** loading succeeded but an analysis failed */
  analysis: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class ReportError extends Error {
  constructor(readonly exitCode: ExitCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReportError';
  }
}

export const usageError = (message: string) => new ReportError(EXIT.usage, message);
export const inputError = (message: string, cause?: unknown) => new ReportError(EXIT.input, message, { cause });

/** “name” with typographic quotes, as the app's messages write file and column names. */
export const q = (s: string) => `“${s}”`;
