// The mutation fuzzer's parts, shared by test/fuzz.test.ts (a few thousand cases per `npm test`)
// and scripts/fuzz.ts (`npm run fuzz -- --cases 100000`): a seeded mutator of real SavedModel bytes
// and the whole pipeline run on one mutant, in process: read, tf.Example features, describe (both
// protocols), document, YAML, the TypeScript and Python client packages, the docs page's view.
import { docsView } from '../src/emitters/docs/view.js';
import { formatDocument } from '../src/emitters/write-output.js';
import { isTf2OpenApiError } from '../src/errors.js';
import { clientFiles } from '../src/jobs/client.js';
import { generateFromModel } from '../src/jobs/generate.js';
import { kserveV2 } from '../src/protocol/index.js';
import type { V2Api } from '../src/protocol/v2/runtime/contract.js';
import { readExampleFeatures } from '../src/savedmodel/example-features.js';
import { readSavedModel } from '../src/savedmodel/read.js';
import { BufferSource } from '../src/source/random-access.js';

export function mutate(src: Uint8Array, rand: () => number): Uint8Array {
  const b = src.slice();
  const at = () => Math.floor(rand() * b.length);
  switch (Math.floor(rand() * 5)) {
    case 0: // flip bits
      for (let i = 0; i < 1 + rand() * 8; i++) {
        const j = at();
        b[j] = b[j]! ^ (1 << Math.floor(rand() * 8));
      }
      return b;
    case 1: // cut
      return b.subarray(0, at());
    case 2: // overwrite a run with random bytes
      for (let i = at(), n = 1 + rand() * 16; n > 0 && i < b.length; i++, n--) b[i] = Math.floor(rand() * 256);
      return b;
    case 3: {
      // splice a copy of one region over another
      const from = at(),
        to = at(),
        n = Math.floor(rand() * 64);
      b.set(src.subarray(from, from + n).subarray(0, b.length - to), to);
      return b;
    }
    default: // set a byte to a varint-continuation byte
      b[at()] = 0x80 | Math.floor(rand() * 128);
      return b;
  }
}

export type Outcome = { result: 'ok' } | { result: 'typed'; kind: string };

/** One mutant through every stage; resolves with the outcome, rejects only with an untyped error. */
export async function pipeline(bytes: Uint8Array, name: string): Promise<Outcome> {
  try {
    const source = new BufferSource(name, bytes);
    const model = await readSavedModel(source);
    for (const mg of model.metaGraphs) {
      const keys = mg.signatures.filter((s) => s.inputs.length === 1 && s.inputs[0]!.dtype === 'DT_STRING').map((s) => s.key);
      if (keys.length) mg.exampleFeatures = await readExampleFeatures(source, mg, keys);
    }
    const g = await generateFromModel(model, { name: 'fuzzed', tags: model.metaGraphs[0]?.tags ?? ['serve'] });
    formatDocument(g.document, 'yaml');
    clientFiles(g);
    clientFiles(g, { language: 'python' });
    docsView(g.api);
    try {
      const v2 = await generateFromModel<V2Api>(model, { name: 'fuzzed', tags: model.metaGraphs[0]?.tags ?? ['serve'], protocol: kserveV2 });
      clientFiles(v2, { protocol: 'v2' });
    } catch (e) {
      if (!isTf2OpenApiError(e)) throw e; // a model V2 cannot serve is a typed refusal
    }
    return { result: 'ok' };
  } catch (e) {
    if (isTf2OpenApiError(e)) return { result: 'typed', kind: e.kind };
    throw e;
  }
}
