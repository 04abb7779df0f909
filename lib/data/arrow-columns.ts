// Arrow columns to the library's Float64Array columns, sharing memory when Arrow's layout already
// is one: a single-chunk Float64 column without nulls comes back as a view on the same buffer.
// Everything else is converted into a fresh array, with a rule per type: nulls become NaN (the
// library's "missing"), integers and Float32 widen to Float64 (exact up to 2^53), and timestamps
// of any unit become epoch milliseconds.
import { DateUnit, TimeUnit, Type, type Data, type Vector } from 'apache-arrow';
import { InvalidArgumentError } from '../util/errors';
import { assertTimeZone, isUtcZone } from './timezone';

/** A value column (prices, volume) as Float64Array; `argument` names it in errors. */
export function float64Column(vector: Vector, argument: string): Float64Array {
  const typeId = vector.type.typeId;
  if (typeId === Type.Float && vector.type.precision === 2 && vector.data.length === 1 && vector.nullCount === 0) {
    return vector.toArray() as Float64Array; // a view: no copy
  }
  if (typeId !== Type.Float && typeId !== Type.Int) {
    throw new InvalidArgumentError(argument, String(vector.type), 'is not a numeric Arrow column',
      'store prices and volume as float64 (pyarrow: table.set_column(i, name, pc.cast(col, pa.float64())))');
  }
  const out = new Float64Array(vector.length);
  let at = 0;
  for (const data of vector.data) {
    const values = data.values as ArrayLike<number | bigint>;
    const isInt64 = values instanceof BigInt64Array || values instanceof BigUint64Array;
    for (let j = 0; j < data.length; j++, at++) {
      if (data.nullCount > 0 && !data.getValid(j)) { out[at] = Number.NaN; continue; }
      const v = values[j]!;
      if (isInt64) {
        const x = Number(v);
        // Volumes above 2^53 would lose units silently; no real volume is that large.
        if (!Number.isSafeInteger(x)) {
          throw new InvalidArgumentError(`${argument}[${at}]`, String(v), 'is an int64 beyond 2^53, which float64 cannot hold exactly', 'store the column as float64 or scale it down');
        }
        out[at] = x;
      } else {
        out[at] = typeId === Type.Float && vector.type.precision === 0 ? halfToNumber(v as number) : (v as number);
      }
    }
  }
  return out;
}

function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1, exp = (bits >> 10) & 0x1f, frac = bits & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 31) return frac ? Number.NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

const UNIT_NS: Record<number, bigint> = {
  [TimeUnit.SECOND]: 1_000_000_000n, [TimeUnit.MILLISECOND]: 1_000_000n, [TimeUnit.MICROSECOND]: 1_000n, [TimeUnit.NANOSECOND]: 1n,
};

/**
 * A time column as epoch ms plus the IANA zone its type carries (undefined for UTC or a naive
 * timestamp, whose wall-clock numbers are read as UTC like dates in CSV files). Accepts Arrow
 * Timestamp (any unit; sub-millisecond parts must be zero), Date32/Date64 and Float64 epoch ms.
 */
export function timeColumn(vector: Vector, argument: string): { time: Float64Array; timezone?: string } {
  const type = vector.type;
  if (vector.nullCount > 0) {
    throw new InvalidArgumentError(argument, `${vector.nullCount} null(s)`, 'holds missing timestamps', 'drop the rows without a timestamp before converting');
  }
  if (type.typeId === Type.Float && type.precision === 2) return { time: float64Column(vector, argument) };
  if (type.typeId === Type.Date) {
    const scale = type.unit === DateUnit.DAY ? 86_400_000 : 1;
    return { time: convertChunks(vector, (v) => Number(v) * scale, argument) };
  }
  if (type.typeId !== Type.Timestamp) {
    throw new InvalidArgumentError(argument, String(type), 'is not a timestamp column',
      'store time as an Arrow timestamp (pyarrow: pa.timestamp("ms", tz="UTC")) or as float64 epoch milliseconds');
  }
  const perUnit = UNIT_NS[type.unit]!;
  const time = convertChunks(vector, (v, i) => {
    const ns = BigInt(v) * perUnit;
    if (ns % 1_000_000n !== 0n) {
      throw new InvalidArgumentError(`${argument}[${i}]`, String(v), 'has a sub-millisecond part, which epoch milliseconds cannot hold',
        'round the column to milliseconds first (pyarrow: pc.floor_temporal(col, unit="millisecond"))');
    }
    return Number(ns / 1_000_000n);
  }, argument);
  const tz: string | null = type.timezone;
  if (!tz || isUtcZone(tz)) return { time };
  return { time, timezone: assertTimeZone(tz, `${argument} (type ${String(type)}) timezone`) };
}

function convertChunks(vector: Vector, convert: (v: number | bigint, i: number) => number, argument: string): Float64Array {
  const out = new Float64Array(vector.length);
  let at = 0;
  for (const data of vector.data as Data[]) {
    const values = data.values as ArrayLike<number | bigint>;
    for (let j = 0; j < data.length; j++, at++) {
      const x = convert(values[j]!, at);
      if (!Number.isFinite(x)) throw new InvalidArgumentError(`${argument}[${at}]`, x, 'is not a finite timestamp', 'repair the time column');
      out[at] = x;
    }
  }
  return out;
}
