// Recognises the files people mistake for a SavedModel, from their first bytes, so the error
// says what the file is instead of "corrupt protobuf".
import { Tf2OpenApiError } from '../errors.js';

const HDF5 = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

const startsWith = (head: Uint8Array, sig: number[], at = 0) => sig.every((b, i) => head[at + i] === b);

export function sniffFormat(head: Uint8Array, file: string): void {
  const not = (what: string) => new Tf2OpenApiError('NOT_A_SAVED_MODEL', `${file}: ${what}, not a SavedModel`);
  if (startsWith(head, [0x54, 0x46, 0x4c, 0x33], 4)) throw not('is a TensorFlow Lite flatbuffer (.tflite)');
  if (startsWith(head, HDF5)) throw not('is a Keras HDF5 file (.h5); export it with tf.saved_model.save or model.export()');
  if (startsWith(head, ZIP)) throw not('is a zip archive (a Keras 3 .keras file?)');
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head.subarray(0, 256));
  if (head.length > 0 && /^[\t\n\r\x20-\x7e\u00a0-\uffff]+$/.test(text) && !text.includes('\ufffd')) {
    if (/^\s*(#[^\n]*\n\s*)*(saved_model_schema_version|meta_graphs)\s*[:{]/.test(text)) {
      throw new Tf2OpenApiError(
        'NOT_A_SAVED_MODEL',
        `${file}: is a SavedModel in protobuf text format (pbtxt); text format is not read yet, convert it to saved_model.pb`,
      );
    }
    if (/^\s*[{[]/.test(text)) throw not('is JSON (a TensorFlow.js model.json?)');
    throw not('is a text file');
  }
}
