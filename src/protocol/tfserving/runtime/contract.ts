// What one model's signatures look like to TensorFlow Serving's REST API: the data `describe`
// derives from a SavedModel and the checker, the OpenAPI builders and the generated client read.
// Plain data with no imports, because this folder is copied verbatim into every client package.

export type Method = 'predict' | 'classify' | 'regress';

/** The JSON value one tensor element becomes. */
export type JsonValue =
  | { kind: 'number'; dtype: string }
  | { kind: 'integer'; dtype: string; min: number; max: number; beyondSafe: boolean }
  | { kind: 'boolean'; dtype: string }
  /** A string tensor: text, or {"b64": …}; `bytesOnly` where the alias ends in _bytes, for which TF Serving writes outputs as {"b64": …}. */
  | { kind: 'string'; dtype: string; bytesOnly: boolean };

export interface TensorJson {
  alias: string;
  dtype: string;
  value: JsonValue;
  /** Dimensions (-1 unknown) or null for unknown rank. */
  shape: number[] | null;
}

/** A tf.Example feature the model's ParseExample reads (found in the graph). */
export interface FeatureSpec {
  name: string;
  dtype: string;
  /** dense: fixed shape per example; sparse/ragged: any number of values. */
  kind: 'dense' | 'sparse' | 'ragged';
  shape?: number[];
  /** Dense features without a default must be present in every example. */
  required: boolean;
}

export interface SignatureContract {
  key: string;
  /** SignatureDef.method_name as written: TF Serving ignores it unless started with --enable_signature_method_name_check. */
  methodName: string;
  isDefault: boolean;
  inputs: TensorJson[];
  outputs: TensorJson[];
  /** Endpoints TF Serving can run this signature on: predict always; classify/regress only where
   * the signature meets what classifier.cc / regressor.cc check and can be fed serialized tf.Examples. */
  endpoints: Method[];
  /** Why classify or regress cannot run this signature. */
  ineligible?: { classify?: string; regress?: string };
  /** The signature's contract allows `instances`: every input batched, no two fixed batch sizes. */
  rowFormat: boolean;
  /** TF Serving can write `predictions`: every output batched, no two fixed batch sizes (else a row-format request fails after the model ran). */
  rowResponse: boolean;
  /** The batch size the inputs fix (dimension 0 of a known size). */
  batch?: number;
  /** The tf.Example features the graph parses from the signature's serialized input. */
  features?: FeatureSpec[];
}

export interface ModelContract {
  name: string;
  signatures: SignatureContract[];
  /** Signatures the REST API cannot serve at all, with the reason. */
  skipped: { key: string; reason: string }[];
  hasDefault: boolean;
}

export const DEFAULT_SIGNATURE = 'serving_default';
export const BYTES_SUFFIX = '_bytes';
export const FLOAT32_MAX = 3.4028234663852886e38;
/** Exact integer bounds, as BigInt: the int64/uint64 ones are not representable as JS numbers. */
export const INT_RANGES: Readonly<Record<string, readonly [bigint, bigint]>> = {
  DT_INT8: [-128n, 127n],
  DT_UINT8: [0n, 255n],
  DT_INT16: [-32768n, 32767n],
  DT_INT32: [-2147483648n, 2147483647n],
  DT_UINT32: [0n, 4294967295n],
  DT_INT64: [-9223372036854775808n, 9223372036854775807n],
  DT_UINT64: [0n, 18446744073709551615n],
};
/** Standard base64 alphabet, padding optional (absl::Base64Unescape, which json_tensor.cc calls). */
export const BASE64_PATTERN = '^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$';

/** Dimensions of one row-format instance: the tensor without its batch dimension. */
export const instanceShape = (shape: number[] | null): number[] | null => (shape === null ? null : shape.slice(1));
