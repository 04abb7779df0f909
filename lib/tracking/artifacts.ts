// Artifact upload, listing and download through the tracking server's artifact proxy.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InvalidArgumentError } from '../util/errors';
import type { Transport } from './transport';
import type { ArtifactFile } from './types';

const PROXY_SCHEME = 'mlflow-artifacts:';

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

export async function uploadDir(t: Transport, rootProxyPath: string, localDir: string, artifactPath: string | undefined): Promise<string[]> {
  if (!fs.existsSync(localDir) || !fs.statSync(localDir).isDirectory()) {
    throw new InvalidArgumentError('localDir', localDir, 'is not a directory', 'pass the folder holding the files to upload');
  }
  const files = listLocalFiles(localDir);
  for (const rel of files) {
    await t.putArtifact(joinArtifactPath(rootProxyPath, artifactPath, rel), fs.readFileSync(path.join(localDir, ...rel.split('/'))));
  }
  return files.map((rel) => joinArtifactPath(artifactPath, rel));
}

export async function listArtifacts(t: Transport, proxyPath: string): Promise<ArtifactFile[]> {
  const response = await t.listArtifacts(proxyPath);
  return (response.files ?? []).map((f) => ({
    path: f.path, isDir: f.is_dir === true, ...(f.file_size === undefined ? {} : { fileSize: Number(f.file_size) }),
  }));
}

/**
 * Downloads a directory tree (or one file) below `proxyPath` into `localDir`; returns the local
 * paths written. A path that lists empty is fetched as a file, since the proxy never stores empty
 * folders.
 */
export async function downloadTree(t: Transport, proxyPath: string, localDir: string): Promise<string[]> {
  const written: string[] = [];
  const visit = async (remote: string, local: string): Promise<void> => {
    const entries = await listArtifacts(t, remote);
    if (entries.length === 0) {
      const bytes = await t.getArtifact(remote);
      fs.mkdirSync(path.dirname(local), { recursive: true });
      fs.writeFileSync(local, bytes);
      written.push(local);
      return;
    }
    for (const entry of entries) {
      // The proxy answers basenames; refuse anything that could escape localDir.
      if (entry.path.includes('/') || entry.path === '..' || entry.path === '.') {
        throw new InvalidArgumentError('artifact path', entry.path, 'is not a plain file name', 'report this server response');
      }
      const childRemote = `${remote}/${entry.path}`;
      const childLocal = path.join(local, entry.path);
      if (entry.isDir) await visit(childRemote, childLocal);
      else {
        fs.mkdirSync(local, { recursive: true });
        fs.writeFileSync(childLocal, await t.getArtifact(childRemote));
        written.push(childLocal);
      }
    }
  };
  const entries = await listArtifacts(t, proxyPath);
  // A single file lands inside localDir under its own name; a folder's contents land in localDir.
  if (entries.length === 0) await visit(proxyPath, path.join(localDir, path.posix.basename(proxyPath)));
  else await visit(proxyPath, localDir);
  return written.sort();
}
