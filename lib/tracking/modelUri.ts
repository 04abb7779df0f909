// `models:/NAME@ALIAS` and `models:/NAME/VERSION`, MLflow's registry URIs.
import { InvalidArgumentError } from '../util/errors';

export type ModelUriRef =
  | { readonly kind: 'alias'; readonly name: string; readonly alias: string }
  | { readonly kind: 'version'; readonly name: string; readonly version: string };

const MODELS_SCHEME = 'models:/';
const FIX = "write 'models:/NAME@ALIAS' (e.g. models:/spread-gru@champion) or 'models:/NAME/VERSION' (e.g. models:/spread-gru/3)";

export function parseModelUri(uri: string): ModelUriRef {
  if (typeof uri !== 'string' || !uri.startsWith(MODELS_SCHEME)) {
    throw new InvalidArgumentError('uri', uri, `is not a registry URI (must start with ${MODELS_SCHEME})`, FIX);
  }
  const rest = uri.slice(MODELS_SCHEME.length).replace(/^\/+/, '');
  const at = rest.lastIndexOf('@');
  if (at > 0 && !rest.slice(at).includes('/')) {
    const alias = rest.slice(at + 1);
    if (alias.length > 0) return { kind: 'alias', name: rest.slice(0, at), alias };
  }
  const slash = rest.lastIndexOf('/');
  const version = rest.slice(slash + 1);
  if (slash > 0 && /^[1-9][0-9]*$/.test(version)) return { kind: 'version', name: rest.slice(0, slash), version };
  throw new InvalidArgumentError('uri', uri, 'names neither an alias nor a numeric version', FIX);
}
