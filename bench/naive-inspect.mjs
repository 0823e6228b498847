// The approach the reader replaces: read the whole file and let protobufjs decode all of it.
// Uses the project's built schema (dist/), so both sides load the same protobufjs descriptor.
import { readFileSync } from 'node:fs';
import { messageType, TO_OBJECT } from '../dist/savedmodel/schema.js';

const type = messageType('SavedModel');
const model = type.toObject(type.decode(readFileSync(process.argv[2])), TO_OBJECT);
process.stdout.write(JSON.stringify(model.meta_graphs.map((m) => Object.keys(m.signature_def ?? {}))) + '\n');
