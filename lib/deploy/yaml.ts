// The YAML an MLmodel file needs, and no more: block mappings and sequences of JSON-like values,
// strings double-quoted (a JSON string is a valid YAML double-quoted scalar), numbers in a form
// PyYAML reads back as numbers (a float needs a dot and a signed exponent there). The reader takes
// what this writer emits and the plain block style MLflow's Python client writes; flow
// collections are read only when they are also JSON.
import { DataFormatError } from '../util/errors';

export type YamlValue = string | number | boolean | null | readonly YamlValue[] | { readonly [key: string]: YamlValue };

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function yamlNumber(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (!Number.isFinite(n)) return n > 0 ? '.inf' : '-.inf';
  const s = String(n);
  const e = s.indexOf('e');
  if (e < 0) return s;
  const mantissa = s.slice(0, e), exponent = s.slice(e + 1);
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}e${/^[-+]/.test(exponent) ? exponent : `+${exponent}`}`;
}

function scalar(value: YamlValue): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return yamlNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.length === 0) return '[]';
  if (!Array.isArray(value) && Object.keys(value).length === 0) return '{}';
  return undefined;
}

const keyText = (key: string): string => (PLAIN_KEY.test(key) ? key : JSON.stringify(key));

function emit(value: YamlValue, indent: number, out: string[]): void {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    for (const item of value as readonly YamlValue[]) {
      const s = scalar(item);
      if (s !== undefined) out.push(`${pad}- ${s}`);
      else if (Array.isArray(item)) {
        out.push(`${pad}-`);
        emit(item, indent + 2, out);
      } else {
        // `- first: 1` then the other keys aligned under `first`.
        const lines: string[] = [];
        emit(item, indent + 2, lines);
        out.push(`${pad}- ${lines[0]!.slice(indent + 2)}`, ...lines.slice(1));
      }
    }
    return;
  }
  for (const [key, v] of Object.entries(value as Record<string, YamlValue>)) {
    const s = scalar(v);
    if (s !== undefined) out.push(`${pad}${keyText(key)}: ${s}`);
    else {
      out.push(`${pad}${keyText(key)}:`);
      // Sequences sit at their key's indentation, as PyYAML writes them.
      emit(v, Array.isArray(v) ? indent : indent + 2, out);
    }
  }
}

/** YAML text of a mapping (the document's top level), one trailing newline. */
export function toYaml(doc: { readonly [key: string]: YamlValue }): string {
  const out: string[] = [];
  emit(doc, 0, out);
  return out.join('\n') + '\n';
}

interface Line {
  readonly indent: number;
  readonly text: string;
  readonly number: number;
}

class Reader {
  private i = 0;

  constructor(private readonly lines: Line[], private readonly source: string) {}

  fail(line: Line | undefined, problem: string): never {
    throw new DataFormatError(this.source, line?.number, problem, 'write the MLmodel with saveModel, or keep to block mappings and sequences');
  }

  document(): YamlValue {
    if (this.lines.length === 0) return null;
    const value = this.node(this.lines[0]!.indent);
    if (this.i < this.lines.length) this.fail(this.lines[this.i], 'is indented inconsistently with the lines before it');
    return value;
  }

  private node(indent: number): YamlValue {
    const line = this.lines[this.i]!;
    return isItem(line.text) ? this.sequence(indent) : this.mapping(indent);
  }

  private mapping(indent: number): Record<string, YamlValue> {
    const out: Record<string, YamlValue> = {};
    while (this.i < this.lines.length) {
      const line = this.lines[this.i]!;
      if (line.indent < indent || (line.indent === indent && isItem(line.text))) break;
      if (line.indent > indent) this.fail(line, 'is indented deeper than its mapping');
      const [key, rest] = splitKey(line.text) ?? this.fail(line, 'is not a "key: value" line');
      if (Object.prototype.hasOwnProperty.call(out, key)) this.fail(line, `repeats the key ${JSON.stringify(key)}`);
      this.i++;
      const next = this.lines[this.i];
      if (rest !== '') out[key] = this.scalar(rest, line);
      else if (next && next.indent > indent) out[key] = this.node(next.indent);
      else if (next && next.indent === indent && isItem(next.text)) out[key] = this.sequence(indent);
      else out[key] = null;
    }
    return out;
  }

  private sequence(indent: number): YamlValue[] {
    const out: YamlValue[] = [];
    while (this.i < this.lines.length) {
      const line = this.lines[this.i]!;
      if (line.indent !== indent || !isItem(line.text)) {
        if (line.indent > indent) this.fail(line, 'is indented deeper than its sequence');
        break;
      }
      const rest = line.text.slice(1).trimStart();
      if (rest === '') {
        this.i++;
        const next = this.lines[this.i];
        out.push(next && next.indent > indent ? this.node(next.indent) : null);
      } else if (splitKey(rest) && !/^["'[{]/.test(rest)) {
        // `- key: value`: a mapping whose first line starts after the dash.
        const inner = indent + (line.text.length - rest.length);
        this.lines[this.i] = { indent: inner, text: rest, number: line.number };
        out.push(this.mapping(inner));
      } else {
        this.i++;
        out.push(this.scalar(rest, line));
      }
    }
    return out;
  }

  private scalar(raw: string, line: Line): YamlValue {
    const text = raw.trim();
    if (text.startsWith('"')) {
      try {
        return JSON.parse(text) as string;
      } catch {
        return this.fail(line, `holds a double-quoted string that is not valid (${text.slice(0, 40)})`);
      }
    }
    if (text.startsWith("'")) {
      if (!text.endsWith("'") || text.length < 2) this.fail(line, 'holds an unterminated single-quoted string');
      return text.slice(1, -1).replace(/''/g, "'");
    }
    if (text.startsWith('[') || text.startsWith('{')) {
      try {
        return JSON.parse(text) as YamlValue;
      } catch {
        return this.fail(line, 'holds a flow collection this reader does not take (only JSON-compatible ones)');
      }
    }
    const plain = text.replace(/\s+#.*$/, '');
    if (plain === '' || plain === '~' || plain === 'null' || plain === 'Null' || plain === 'NULL') return null;
    if (/^(true|True|TRUE)$/.test(plain)) return true;
    if (/^(false|False|FALSE)$/.test(plain)) return false;
    if (/^[-+]?\.(nan|NaN|NAN)$/.test(plain)) return Number.NaN;
    if (/^[-+]?\.(inf|Inf|INF)$/.test(plain)) return plain.startsWith('-') ? -Infinity : Infinity;
    if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(plain)) return Number(plain);
    return plain;
  }
}

const isItem = (text: string): boolean => text === '-' || text.startsWith('- ');

/** `key: rest` -> [key, rest]; keys plain or quoted. */
function splitKey(text: string): [string, string] | undefined {
  if (text.startsWith('"')) {
    const m = /^("(?:[^"\\]|\\.)*")\s*:(?:\s+(.*))?$/.exec(text);
    return m ? [JSON.parse(m[1]!) as string, (m[2] ?? '').trim()] : undefined;
  }
  if (text.startsWith("'")) {
    const m = /^'((?:[^']|'')*)'\s*:(?:\s+(.*))?$/.exec(text);
    return m ? [m[1]!.replace(/''/g, "'"), (m[2] ?? '').trim()] : undefined;
  }
  const m = /^([^\s:#][^:#]*?)\s*:(?:\s+(.*))?$/.exec(text);
  return m ? [m[1]!, (m[2] ?? '').trim()] : undefined;
}

/** Parses the YAML subset described at the top of this file; `source` names the file in errors. */
export function parseYaml(text: string, source = 'MLmodel'): YamlValue {
  const lines: Line[] = [];
  text.split(/\r?\n/).forEach((raw, k) => {
    if (/^\s*(#.*)?$/.test(raw) || raw === '---') return;
    if (/^\t/.test(raw)) throw new DataFormatError(source, k + 1, 'is indented with a tab', 'indent YAML with spaces');
    const text = raw.trimStart();
    lines.push({ indent: raw.length - text.length, text: text.trimEnd(), number: k + 1 });
  });
  return new Reader(lines, source).document();
}
