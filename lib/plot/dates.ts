// Timestamps as plotly date strings. Plotly reads ISO strings as wall-clock times without a zone,
// so epoch milliseconds are written in UTC: a daily bar stamped at UTC midnight shows on its date.

const DAY_MS = 86_400_000;

/** Every numeric value a whole UTC day, so dates can be shown without a time of day. */
export function allUtcMidnights(values: ArrayLike<number | string>): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (typeof v === 'number' && Number.isFinite(v) && v % DAY_MS !== 0) return false;
  }
  return true;
}

/** Numbers become ISO strings (date only when every timestamp is a UTC midnight); strings pass. */
export function toPlotlyDates(x: ArrayLike<number | string>): (string | null)[] {
  const values = Array.from(x);
  const dateOnly = allUtcMidnights(values);
  return values.map((v) => {
    if (typeof v === 'string') return v;
    if (!Number.isFinite(v)) return null;
    const iso = new Date(v).toISOString();
    return dateOnly ? iso.slice(0, 10) : iso.slice(0, 23).replace('T', ' ');
  });
}
