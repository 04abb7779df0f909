// URLs of MLflow's REST API and artifact proxy, including GET queries with repeated fields
// (`order_by=a&order_by=b`), which the registry's search endpoints take.
import { API_PREFIX, ARTIFACTS_PREFIX } from './transport';

export type QueryValue = string | number | boolean | readonly string[] | undefined;

export function restUrl(baseUrl: string, endpoint: string, query: Readonly<Record<string, QueryValue>> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, v);
    else params.append(key, String(value));
  }
  const qs = params.toString();
  return `${baseUrl}${API_PREFIX}/${endpoint}${qs ? `?${qs}` : ''}`;
}

/** `proxyPath` is relative to the server's artifacts destination, e.g. `1/<run_id>/artifacts/model`. */
export function artifactUrl(baseUrl: string, proxyPath: string): string {
  return `${baseUrl}${ARTIFACTS_PREFIX}/${proxyPath.split('/').filter((s) => s.length > 0).map(encodeURIComponent).join('/')}`;
}

export function artifactListUrl(baseUrl: string, proxyPath: string): string {
  return `${baseUrl}${ARTIFACTS_PREFIX}?${new URLSearchParams({ path: proxyPath }).toString()}`;
}
