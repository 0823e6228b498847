// The human-readable listing of `tf2openapi inspect`, in the spirit of `saved_model_cli show --all`.
import { formatTags, type MetaGraph } from '../savedmodel/meta-graph.js';
import type { SavedModel } from '../savedmodel/saved-model.js';
import { formatShape, type TensorSpec } from '../savedmodel/tensor.js';

/** How a protocol serves each signature of a meta graph: a line per signature key. */
export type Served = (mg: MetaGraph) => Map<string, string>;

export function inspectText(model: SavedModel, metaGraphs: MetaGraph[] = model.metaGraphs, version?: string, served?: Served): string {
  const out: string[] = [`SavedModel ${model.file}${version ? ` (version ${version})` : ''}`];
  for (const mg of metaGraphs) {
    out.push(
      '',
      `meta graph with tags ${shown(formatTags(mg.tags))} (TensorFlow ${shown(mg.tensorflowVersion || 'unknown')}): ${mg.signatures.length} signature(s)`,
    );
    const how = served?.(mg);
    for (const s of mg.signatures) {
      out.push('', `signature_def[${JSON.stringify(s.key)}]${how?.has(s.key) ? `  (${how.get(s.key)})` : ''}`);
      out.push(`  method: ${s.methodName ? shown(s.methodName) : '(none)'}`);
      out.push(`  inputs:${s.inputs.length ? '' : ' none'}`, ...s.inputs.flatMap((t) => tensorLines(t, s.defaults.includes(t.alias))));
      out.push(`  outputs:${s.outputs.length ? '' : ' none'}`, ...s.outputs.flatMap((t) => tensorLines(t, false)));
    }
  }
  return out.join('\n') + '\n';
}

/** Model strings are untrusted: anything that could break the listing's lines is shown escaped. */
const shown = (s: string) => (/^[\x20-\x7e\u00a0-\u2027\u202a-\uffff]*$/.test(s) ? s : JSON.stringify(s));

function tensorLines(t: TensorSpec, hasDefault: boolean): string[] {
  const lines = [`    [${JSON.stringify(t.alias)}]${hasDefault ? ' (has a default)' : ''}`, `      dtype: ${t.dtype}`, `      shape: ${formatShape(t.shape)}`];
  if (t.encoding === 'name') lines.push(`      name: ${shown(t.name)}`);
  if (t.cooSparse) {
    lines.push(
      '      encoding: COO sparse',
      `      values: ${shown(t.cooSparse.values)}`,
      `      indices: ${shown(t.cooSparse.indices)}`,
      `      dense shape: ${shown(t.cooSparse.denseShape)}`,
    );
  }
  if (t.composite) {
    const c = t.composite;
    lines.push(`      encoding: composite (${c.typeSpecClassName || c.typeSpecClass}), ${c.components.length} component(s)`);
    for (const comp of c.components) lines.push(`        ${comp.dtype} ${formatShape(comp.shape)} ${shown(comp.name)}`);
  }
  return lines;
}
