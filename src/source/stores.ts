// Picks the store for a location by its scheme. Remote stores load on demand, so reading a local
// file never pays for the AWS SDK.
import { Tf2OpenApiError } from '../errors.js';
import { remoteOptions, type RemoteOptions } from './remote/options.js';
import { localStore, type ModelStore } from './store.js';

export async function storeFor(location: string, opts: RemoteOptions = {}): Promise<ModelStore> {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(location)?.[1]?.toLowerCase();
  if (!scheme) return localStore;
  const o = remoteOptions(opts);
  if (scheme === 'http' || scheme === 'https' || scheme === 'gs' || scheme === 's3') {
    try {
      new URL(location);
    } catch {
      throw new Tf2OpenApiError('BAD_INPUT', `${location}: not a valid URI`);
    }
  }
  switch (scheme) {
    case 'http':
    case 'https':
      return (await import('./remote/http-store.js')).httpStore(o);
    case 'gs':
      return (await import('./remote/gcs-store.js')).gcsStore(o);
    case 's3':
      return (await import('./remote/s3-store.js')).s3Store(o);
    case 'pvc':
      throw new Tf2OpenApiError('BAD_INPUT', `${location}: pvc:// volumes are read inside the cluster; give a local path or a gs://, s3:// or http(s):// URI`);
    case 'file':
      return localStore;
    default:
      throw new Tf2OpenApiError('BAD_INPUT', `${location}: unsupported scheme ${scheme}:// (use a path, gs://, s3:// or http(s)://)`);
  }
}
