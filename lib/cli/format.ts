// Plain-text tables for the terminal: gate reports, registry status and history.
import type { PromoteResult, RollbackResult } from '../lifecycle/promotion';
import { fmt, type PromotionGateReport } from '../lifecycle/promotion-gates';
import type { RegistryStatus, VersionSummary } from '../lifecycle/registry-status';

export const MAX_CELL = 70;
export const STATUS_HISTORY_ROWS = 10;

const clip = (s: string): string => (s.length > MAX_CELL ? `${s.slice(0, MAX_CELL - 3)}...` : s);

/** Left-aligned columns, two spaces apart, with a header row; the last column (reasons, metrics) is never cut. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cells = [header, ...rows].map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : clip(cell))));
  const widths = header.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? '').length)));
  return cells.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ').trimEnd()).join('\n');
}

export function gateTable(report: PromotionGateReport): string {
  return table(['gate', 'value', 'threshold', 'pass', 'reason'],
    report.results.map((r) => [r.gate, r.value === undefined ? '-' : fmt(r.value), r.threshold, r.passed ? 'yes' : 'NO', r.reason]));
}

export function promotedText(r: PromoteResult): string {
  const before = r.previous === undefined ? 'no previous champion' : `previous v${r.previous} is now the fallback`;
  return `promoted ${r.model} v${r.version} to '${r.alias}' (${before})\n${gateTable(r.report)}\n`;
}

export function rolledBackText(r: RollbackResult): string {
  return `rolled back ${r.model} '${r.alias}' from v${r.demoted} to v${r.version}; v${r.demoted} tagged quantlab.rolled_back`
    + `; next fallback: ${r.fallback === undefined ? 'none' : `v${r.fallback}`}\n`;
}

const metricsText = (v: VersionSummary | undefined): string =>
  (v === undefined ? '' : Object.entries(v.metrics).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => `${k}=${fmt(x)}`).join(' '));

export function statusText(s: RegistryStatus, now: number): string {
  const row = (role: string, v: VersionSummary | undefined): string[] => [role, v ? v.version : '-', v ? v.runId.slice(0, 8) : '', metricsText(v)];
  const roles = table(['role', 'version', 'run', 'metrics'], [row(s.alias, s.champion), row('fallback', s.fallback), row('challenger', s.challenger)]);
  const others = Object.entries(s.aliases).filter(([a]) => a !== s.alias).map(([a, v]) => `${a}=v${v}`).join(', ');
  const lease = s.lease === undefined ? 'free'
    : s.lease.expired ? `stale lease of ${s.lease.by} (expired, free to take)` : `held by ${s.lease.by} for ${Math.max(0, Math.round((s.lease.expires - now) / 1000))} s more`;
  const recent = s.history.slice(-STATUS_HISTORY_ROWS).reverse();
  const history = recent.length === 0 ? 'history: none recorded'
    : `history (newest first, ${recent.length} of ${s.history.length}):\n${table(['at', 'action', 'version', 'previous', 'by', 'reasons'],
      recent.map((e) => [e.at, e.action, `v${e.version}`, e.previous === null ? '-' : `v${e.previous}`, e.by, clip(e.reasons.join('; '))]))}`;
  return `model ${s.model}\n${roles}\naliases: ${others || 'no others'}\nlease: ${lease}\n${history}\n`;
}
