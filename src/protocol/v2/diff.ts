// API changes between two versions of a model over V2: what a request or response that worked
// against the old one does against the new one.
import type { ApiChange } from '../protocol.js';
import type { V2Api, V2Tensor } from './describe.js';

const fmt = (s: number[] | null) => (s === null ? 'unknown rank' : `[${s.join(', ')}]`);
/** Does every shape the old one admits fit the new one? */
const admits = (next: number[] | null, old: number[] | null) =>
  next === null || (old !== null && old.length === next.length && next.every((d, i) => d < 0 || d === old[i]));

function tensors(sig: string, side: 'inputs' | 'outputs', before: V2Tensor[], after: V2Tensor[], out: ApiChange[]) {
  const add = (severity: ApiChange['severity'], name: string, message: string) => out.push({ severity, signature: sig, where: `${side}/${name}`, message });
  for (const o of before) {
    const n = after.find((t) => t.name === o.name);
    if (!n) add('breaking', o.name, `${side === 'inputs' ? 'input' : 'output'} removed or renamed`);
    else {
      if (n.datatype !== o.datatype) add('breaking', o.name, `datatype ${o.datatype} → ${n.datatype}`);
      // Inputs may widen, outputs may narrow: what clients send and read still fits.
      const fits = side === 'inputs' ? admits(n.shape, o.shape) : admits(o.shape, n.shape);
      if (!fits) add('breaking', o.name, `shape ${fmt(o.shape)} → ${fmt(n.shape)}`);
      else if (fmt(o.shape) !== fmt(n.shape)) add('compatible', o.name, `shape ${fmt(o.shape)} → ${fmt(n.shape)}`);
    }
  }
  for (const n of after)
    if (!before.some((t) => t.name === n.name)) add(side === 'inputs' ? 'breaking' : 'compatible', n.name, `${side === 'inputs' ? 'input' : 'output'} added`);
}

export function diffV2(before: V2Api, after: V2Api): ApiChange[] {
  const out: ApiChange[] = [];
  if (before.signature !== after.signature)
    out.push({ severity: 'breaking', signature: before.signature, where: '', message: `the served signature is now ${JSON.stringify(after.signature)}` });
  tensors(after.signature, 'inputs', before.inputs, after.inputs, out);
  tensors(after.signature, 'outputs', before.outputs, after.outputs, out);
  return out;
}
