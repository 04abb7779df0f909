// Every error the library throws at its boundary is one of these. Messages name the argument
// (or file), the offending value and the fix, so a researcher can act on them without a debugger.

export class QuantlabError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Shows a value in an error message without dumping a whole array or object. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? value.slice(0, 77) + '...' : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  if (ArrayBuffer.isView(value) || Array.isArray(value)) return `array of length ${(value as ArrayLike<unknown>).length}`;
  try {
    const s = JSON.stringify(value);
    return s.length > 80 ? s.slice(0, 77) + '...' : s;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** A caller passed a value the function cannot use. */
export class InvalidArgumentError extends QuantlabError {
  constructor(
    readonly argument: string,
    readonly value: unknown,
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${argument} = ${describeValue(value)}: ${problem}. Fix: ${fix}`);
  }
}

/** A file is missing or unreadable. */
export class FileNotFoundError extends QuantlabError {
  constructor(readonly path: string, readonly fix: string) {
    super(`file not found: ${path}. Fix: ${fix}`);
  }
}

/** A data file exists but its content is malformed at a known place. */
export class DataFormatError extends QuantlabError {
  constructor(
    readonly path: string,
    readonly line: number | undefined,
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${path}${line === undefined ? '' : `:${line}`}: ${problem}. Fix: ${fix}`);
  }
}

/** Market data failed validation (strict mode). */
export class DataValidationError extends QuantlabError {
  constructor(
    readonly symbol: string,
    readonly problems: readonly string[],
    readonly fix: string,
  ) {
    super(`data for ${symbol} failed validation: ${problems.join('; ')}. Fix: ${fix}`);
  }
}

/** A configuration file is missing a field or holds a wrong one. */
export class ConfigError extends QuantlabError {
  constructor(readonly path: string, readonly field: string, readonly problem: string, readonly fix: string) {
    super(`${path}: ${field}: ${problem}. Fix: ${fix}`);
  }
}
