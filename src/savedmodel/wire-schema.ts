// TensorFlow's messages for the descriptor-driven decoder (src/wire/decode-message.ts): the compiled
// proto/ descriptor, resolved once. Decoding with it loads no protobufjs, which is the costly part of
// a start (the signatures on every run, graph nodes when classify/regress features are looked for).
import { Schema, type Namespace } from '../wire/decode-message.js';
import descriptor from './schema.json' with { type: 'json' };

let schemaCache: Schema | undefined;
export const wireSchema = (): Schema => (schemaCache ??= new Schema(descriptor as Namespace));
