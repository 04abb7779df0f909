// Artifact upload, listing and download through the tracking server's artifact proxy. Files are
// streamed both ways (a read stream with its content-length up, the response body piped to disk
// down), so a file's size never decides the memory a transfer needs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InvalidArgumentError } from '../util/errors';
import type { Http } from './http';
import type { ArtifactFile } from './types';
import { artifactListUrl, artifactUrl } from './urls';

const PROXY_SCHEME = 'mlflow-artifacts:';

/** The artifact proxy's three operations, bound to one server. */
export interface ArtifactIo {
  list(proxyPath: string): Promise<ArtifactFile[]>;
  putBytes(proxyPath: string, bytes: Uint8Array): Promise<void>;
  /** Streams a local file up; returns its size. */
  putFile(proxyPath: string, localFile: string): Promise<number>;
  /** Streams one remote file to `localFile`; returns its size. */
  download(proxyPath: string, localFile: string): Promise<number>;
}

export function artifactIo(http: Http, baseUrl: string): ArtifactIo {
  return {
    async list(proxyPath) {
      const response = await http.json<{ files?: { path: string; is_dir?: boolean; file_size?: string | number }[] }>({
        method: 'GET', url: artifactListUrl(baseUrl, proxyPath),
      });
      return (response.files ?? []).map((f) => ({
        path: f.path, isDir: f.is_dir === true, ...(f.file_size === undefined ? {} : { fileSize: Number(f.file_size) }),
      }));
    },
    async putBytes(proxyPath, bytes) {
      await http.json({ method: 'PUT', url: artifactUrl(baseUrl, proxyPath), bytes });
    },
    async putFile(proxyPath, localFile) {
      const length = fs.statSync(localFile).size;
      await http.json({ method: 'PUT', url: artifactUrl(baseUrl, proxyPath), stream: { open: () => fs.createReadStream(localFile), length } });
      return length;
    },
    download(proxyPath, localFile) {
      return http.toFile({ method: 'GET', url: artifactUrl(baseUrl, proxyPath) }, localFile);
    },
  };
}

/** `mlflow-artifacts:/1/<run>/artifacts` (or with a //host:port authority) -> `1/<run>/artifacts`. */
export function proxyPathOf(artifactUri: string): string {
  if (!artifactUri.startsWith(PROXY_SCHEME)) {
    throw new InvalidArgumentError('artifactUri', artifactUri, 'is not served through the tracking server\'s artifact proxy',
      'create the experiment on a server started with --serve-artifacts (npm run mlflow:start does) so runs get mlflow-artifacts:/ URIs');
  }
  let rest = artifactUri.slice(PROXY_SCHEME.length);
  if (rest.startsWith('//')) rest = rest.slice(2).replace(/^[^/]*/, ''); // drop the authority
  return rest.replace(/^\/+|\/+$/g, '');
}

export const joinArtifactPath = (...parts: (string | undefined)[]): string =>
  parts.filter((p): p is string => p !== undefined && p.length > 0).map((p) => p.replace(/^\/+|\/+$/g, '')).filter((p) => p.length > 0).join('/');

/** Every regular file under `dir`, as POSIX paths relative to it, sorted. */
export function listLocalFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) out.push(child);
    }
  };
  walk('');
  return out.sort();
}

export async function uploadDir(io: ArtifactIo, rootProxyPath: string, localDir: string, artifactPath: string | undefined): Promise<string[]> {
  if (!fs.existsSync(localDir) || !fs.statSync(localDir).isDirectory()) {
    throw new InvalidArgumentError('localDir', localDir, 'is not a directory', 'pass the folder holding the files to upload');
  }
  const files = listLocalFiles(localDir);
  for (const rel of files) await io.putFile(joinArtifactPath(rootProxyPath, artifactPath, rel), path.join(localDir, ...rel.split('/')));
  return files.map((rel) => joinArtifactPath(artifactPath, rel));
}

/** Streams one local file to `<artifactPath>/<basename>`; returns its artifact path. */
export async function uploadFile(io: ArtifactIo, rootProxyPath: string, localFile: string, artifactPath: string | undefined): Promise<string> {
  if (!fs.existsSync(localFile) || !fs.statSync(localFile).isFile()) {
    throw new InvalidArgumentError('localFile', localFile, 'is not a file', 'pass the path of an existing file (use logArtifactDir for folders)');
  }
  const rel = joinArtifactPath(artifactPath, path.basename(localFile));
  await io.putFile(joinArtifactPath(rootProxyPath, rel), localFile);
  return rel;
}

/**
 * Downloads a directory tree (or one file) below `proxyPath` into `localDir`; returns the local
 * paths written. A path that lists empty is fetched as a file, since the proxy never stores empty
 * folders.
 */
export async function downloadTree(io: ArtifactIo, proxyPath: string, localDir: string): Promise<string[]> {
  const written: string[] = [];
  const fetchFile = async (remote: string, local: string): Promise<void> => {
    fs.mkdirSync(path.dirname(local), { recursive: true });
    await io.download(remote, local);
    written.push(local);
  };
  const visit = async (remote: string, local: string, entries: readonly ArtifactFile[]): Promise<void> => {
    for (const entry of entries) {
      // The proxy answers basenames; refuse anything that could escape localDir.
      if (entry.path.includes('/') || entry.path === '..' || entry.path === '.') {
        throw new InvalidArgumentError('artifact path', entry.path, 'is not a plain file name', 'report this server response');
      }
      const childRemote = `${remote}/${entry.path}`;
      const childLocal = path.join(local, entry.path);
      if (!entry.isDir) await fetchFile(childRemote, childLocal);
      else {
        const children = await io.list(childRemote);
        if (children.length === 0) await fetchFile(childRemote, childLocal);
        else await visit(childRemote, childLocal, children);
      }
    }
  };
  const entries = await io.list(proxyPath);
  // A single file lands inside localDir under its own name; a folder's contents land in localDir.
  if (entries.length === 0) await fetchFile(proxyPath, path.join(localDir, path.posix.basename(proxyPath)));
  else await visit(proxyPath, localDir, entries);
  return written.sort();
}
