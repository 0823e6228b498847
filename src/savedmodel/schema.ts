// TensorFlow's schema subset, from proto/ compiled to protobufjs's JSON descriptor
// (scripts/compile-proto.ts): the light protobufjs build loads it without parsing .proto text.
import protobuf from 'protobufjs/light.js';
import descriptor from './schema.json' with { type: 'json' };

let root: protobuf.Root | undefined;

export function schema(): protobuf.Root {
  if (!root) {
    root = protobuf.Root.fromJSON(descriptor as protobuf.INamespace);
    root.resolveAll();
  }
  return root;
}

export const messageType = (name: string): protobuf.Type => schema().lookupType(`tensorflow.${name}`);

/** How decoded messages become plain objects everywhere in the project. */
export const TO_OBJECT: protobuf.IConversionOptions = { longs: Number, enums: String, bytes: Array, defaults: false, arrays: true, objects: true };
