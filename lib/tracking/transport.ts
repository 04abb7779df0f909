// The REST surface shared by the client's parts: MLflow's JSON API under /api/2.0/mlflow and the
// artifact proxy under /api/2.0/mlflow-artifacts/artifacts.
import { Http } from './http';

export const API_PREFIX = '/api/2.0/mlflow';
export const ARTIFACTS_PREFIX = '/api/2.0/mlflow-artifacts/artifacts';

type Query = Record<string, string | number | undefined>;

export class Transport {
  constructor(readonly baseUrl: string, private readonly http: Http) {}

  get<T>(endpoint: string, query: Query = {}): Promise<T> {
    return this.http.json<T>({ method: 'GET', url: this.url(`${API_PREFIX}/${endpoint}`, query) });
  }

  post<T>(endpoint: string, body: unknown): Promise<T> {
    return this.http.json<T>({ method: 'POST', url: this.url(`${API_PREFIX}/${endpoint}`), json: body });
  }

  delete<T>(endpoint: string, body: unknown): Promise<T> {
    return this.http.json<T>({ method: 'DELETE', url: this.url(`${API_PREFIX}/${endpoint}`), json: body });
  }

  /** `proxyPath` is relative to the server's artifacts destination, e.g. `1/<run_id>/artifacts/model`. */
  putArtifact(proxyPath: string, bytes: Uint8Array): Promise<unknown> {
    return this.http.json({ method: 'PUT', url: this.url(`${ARTIFACTS_PREFIX}/${encodePath(proxyPath)}`), bytes });
  }

  getArtifact(proxyPath: string): Promise<Buffer> {
    return this.http.bytes({ method: 'GET', url: this.url(`${ARTIFACTS_PREFIX}/${encodePath(proxyPath)}`) });
  }

  listArtifacts(proxyPath: string): Promise<{ files?: { path: string; is_dir?: boolean; file_size?: string | number }[] }> {
    return this.http.json({ method: 'GET', url: this.url(ARTIFACTS_PREFIX, { path: proxyPath }) });
  }

  private url(pathname: string, query: Query = {}): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.append(key, String(value));
    const qs = params.toString();
    return `${this.baseUrl}${pathname}${qs ? `?${qs}` : ''}`;
  }
}

const encodePath = (p: string): string => p.split('/').filter((s) => s.length > 0).map(encodeURIComponent).join('/');
