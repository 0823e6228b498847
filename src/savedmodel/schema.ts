// TensorFlow's schema subset in proto/, loaded once through protobufjs.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import protobuf from 'protobufjs';

const PROTO_DIR = fileURLToPath(new URL('../../proto/', import.meta.url));

let root: protobuf.Root | undefined;

export function schema(): protobuf.Root {
  if (!root) {
    const r = new protobuf.Root();
    r.resolvePath = (_origin, target) => join(PROTO_DIR, target);
    r.loadSync(['tensorflow/meta_graph.proto'], { keepCase: true });
    r.resolveAll();
    root = r;
  }
  return root;
}

export const messageType = (name: string): protobuf.Type => schema().lookupType(`tensorflow.${name}`);

/** How decoded messages become plain objects everywhere in the project. */
export const TO_OBJECT: protobuf.IConversionOptions = { longs: Number, enums: String, bytes: Array, defaults: false, arrays: true, objects: true };
