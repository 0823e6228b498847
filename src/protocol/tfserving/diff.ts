// API compatibility between two versions of a model, as TF Serving REST clients see it: what a
// request or response that worked against the old model does against the new one.
import type { ModelApi, SignatureApi, TensorJson } from './describe.js';

import type { ApiChange } from '../protocol.js';

type Severity = ApiChange['severity'];

const fmt = (shape: number[] | null) => (shape === null ? 'unknown rank' : `[${shape.join(', ')}]`);

/** Does every tensor the old shape admits still fit the new one? */
function admits(newShape: number[] | null, oldShape: number[] | null): boolean {
  if (newShape === null) return true;
  if (oldShape === null || oldShape.length !== newShape.length) return false;
  return newShape.every((d, i) => d < 0 || d === oldShape[i]);
}

function compareTensors(sig: string, side: 'inputs' | 'outputs', before: TensorJson[], after: TensorJson[], out: ApiChange[]) {
  const add = (severity: Severity, alias: string, message: string) => out.push({ severity, signature: sig, where: `${side}/${alias}`, message });
  for (const o of before) {
    const n = after.find((t) => t.alias === o.alias);
    if (!n) {
      add('breaking', o.alias, side === 'inputs' ? 'input removed: requests that send it are refused' : 'output removed');
      continue;
    }
    if (o.value.dtype !== n.value.dtype) add('breaking', o.alias, `dtype changed from ${o.dtype} to ${n.dtype}`);
    else if (o.value.kind === 'string' && n.value.kind === 'string' && o.value.bytesOnly !== n.value.bytesOnly)
      add('breaking', o.alias, 'binary (_bytes) encoding changed');
    // Inputs may widen (accept more); outputs may narrow (promise more).
    const [wider, narrower] = side === 'inputs' ? [n.shape, o.shape] : [o.shape, n.shape];
    if (JSON.stringify(o.shape) !== JSON.stringify(n.shape)) {
      const ok = admits(wider, narrower);
      add(
        ok ? 'compatible' : 'breaking',
        o.alias,
        `shape changed from ${fmt(o.shape)} to ${fmt(n.shape)}${ok ? (side === 'inputs' ? ' (widened)' : ' (narrowed)') : ''}`,
      );
    }
  }
  for (const n of after) {
    if (before.some((t) => t.alias === n.alias)) continue;
    if (side === 'inputs') add('breaking', n.alias, 'input added: requests without it are refused');
    else
      add(
        before.length === 1 ? 'breaking' : 'compatible',
        n.alias,
        before.length === 1 ? 'output added: responses change from a bare value to an object per output' : 'output added',
      );
  }
}

function compareSignature(o: SignatureApi, n: SignatureApi, out: ApiChange[]) {
  for (const e of o.endpoints)
    if (!n.endpoints.includes(e)) out.push({ severity: 'breaking', signature: o.key, where: e, message: `no longer served on :${e}` });
  for (const e of n.endpoints) if (!o.endpoints.includes(e)) out.push({ severity: 'compatible', signature: o.key, where: e, message: `now served on :${e}` });
  // The row format as offered: every input and every output batched (see describe.ts).
  if (o.rowFormat && o.rowResponse && !(n.rowFormat && n.rowResponse))
    out.push({ severity: 'breaking', signature: o.key, where: 'instances', message: 'the row format (instances) is no longer accepted' });
  compareTensors(o.key, 'inputs', o.inputs, n.inputs, out);
  compareTensors(o.key, 'outputs', o.outputs, n.outputs, out);
}

export function diffApis(before: ModelApi, after: ModelApi): ApiChange[] {
  const out: ApiChange[] = [];
  for (const o of before.signatures) {
    const n = after.signatures.find((s) => s.key === o.key);
    if (!n) out.push({ severity: 'breaking', signature: o.key, where: '', message: 'signature removed' });
    else compareSignature(o, n, out);
  }
  for (const n of after.signatures) {
    if (!before.signatures.some((s) => s.key === n.key)) out.push({ severity: 'compatible', signature: n.key, where: '', message: 'signature added' });
  }
  return out;
}
