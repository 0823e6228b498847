// A SignatureDef: a named function of the model, its inputs and outputs by alias.
import { tensorFromObject, type TensorInfoObject, type TensorSpec } from './tensor.js';

/** Method names TensorFlow writes into SignatureDef.method_name (signature_constants). */
export const METHOD = {
  PREDICT: 'tensorflow/serving/predict',
  CLASSIFY: 'tensorflow/serving/classify',
  REGRESS: 'tensorflow/serving/regress',
} as const;

/** The key TensorFlow uses for the signature served when a request names none. */
export const DEFAULT_SIGNATURE_KEY = 'serving_default';

/** Keys TensorFlow 2 uses for graph initialisation and training, not for serving. */
export const INTERNAL_SIGNATURE_KEYS = ['__saved_model_init_op', '__saved_model_train_op'] as const;

export interface Signature {
  key: string;
  methodName: string;
  inputs: TensorSpec[];
  outputs: TensorSpec[];
  /** Keys of SignatureDef.defaults: inputs that have a default value. */
  defaults: string[];
}

export interface SignatureDefObject {
  inputs?: Record<string, TensorInfoObject>;
  outputs?: Record<string, TensorInfoObject>;
  method_name?: string;
  defaults?: Record<string, unknown>;
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function signatureFromObject(key: string, def: SignatureDefObject): Signature {
  const tensors = (m: Record<string, TensorInfoObject> | undefined) =>
    Object.keys(m ?? {})
      .sort(byKey)
      .map((alias) => tensorFromObject(alias, m![alias]!));
  return {
    key,
    methodName: def.method_name ?? '',
    inputs: tensors(def.inputs),
    outputs: tensors(def.outputs),
    defaults: Object.keys(def.defaults ?? {}).sort(byKey),
  };
}

export function sortSignatures(sigs: Signature[]): Signature[] {
  return sigs.sort((a, b) => byKey(a.key, b.key));
}
