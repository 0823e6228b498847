// The request table (check.table.json, data both runtimes' tests read: see its `about`) as the
// TypeScript tests use it: models as SavedModel signatures, cases with their bodies built.
import { readFileSync } from 'node:fs';
import type { SavedModel } from '../../savedmodel/saved-model.js';
import type { Signature } from '../../savedmodel/signature.js';
import type { TensorSpec } from '../../savedmodel/tensor.js';
import type { FeatureSpec, Method } from './runtime/contract.js';
import type { Rule } from './runtime/check.js';

export type Want = 'ok' | 'warning' | 'error';
export interface Case {
  model: string;
  on: Method;
  body: string;
  want: Want;
  /** The rule of the first problem at the wanted level. */
  rule?: Rule;
  signature?: string;
  /** JSON Schema cannot say it (or the body is not JSON): the spec is not held to the verdict. */
  schemaBlind?: true;
  source: string;
}

type TensorRow = [alias: string, dtype: string, shape: number[] | null];
interface TableFile {
  models: Record<
    string,
    {
      signatures: { key: string; methodName: string; inputs: TensorRow[]; outputs: TensorRow[]; defaults?: string[] }[];
      features?: Record<string, FeatureSpec[]>;
    }
  >;
  cases: (Case & { nested?: number })[];
}

export const TABLE_FILE = new URL('./check.table.json', import.meta.url);
const table = JSON.parse(readFileSync(TABLE_FILE, 'utf8')) as TableFile;
const tensor = ([alias, dtype, shape]: TensorRow): TensorSpec => ({ alias, name: `${alias}:0`, dtype, shape, encoding: 'name' });

export const MODELS: Record<string, { signatures: Signature[]; features?: Record<string, FeatureSpec[]> }> = Object.fromEntries(
  Object.entries(table.models).map(([name, m]) => [
    name,
    {
      signatures: m.signatures.map((s) => ({
        key: s.key,
        methodName: s.methodName,
        inputs: s.inputs.map(tensor),
        outputs: s.outputs.map(tensor),
        defaults: s.defaults ?? [],
      })),
      ...(m.features ? { features: m.features } : {}),
    },
  ]),
);

export const CASES: Case[] = table.cases.map(({ nested, ...c }) =>
  nested === undefined ? c : { ...c, body: c.body.replace('${nested}', `${'['.repeat(nested)}${']'.repeat(nested)}`) },
);

/** A table model as a SavedModel (one serve meta graph, its features as the graph would give them). */
export function tableSavedModel(name: string): SavedModel {
  const m = MODELS[name]!;
  return {
    file: `${name}/saved_model.pb`,
    schemaVersion: 1,
    metaGraphs: [
      {
        tags: ['serve'],
        tensorflowVersion: '2.19.0',
        tensorflowGitVersion: '',
        signatures: m.signatures,
        ...(m.features ? { exampleFeatures: new Map(Object.entries(m.features)) } : {}),
      },
    ],
  };
}
