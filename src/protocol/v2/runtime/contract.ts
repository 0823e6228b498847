// One model over the Open Inference Protocol, as the checker and the generated V2 client read it.
// Plain data; this folder is copied into V2 client packages (imports of the shared JSON reader are
// rewritten to sit beside it).

/** Integer datatypes' ranges, exact. */
export const V2_INT_RANGES: Readonly<Record<string, readonly [bigint, bigint]>> = {
  UINT8: [0n, 255n],
  UINT16: [0n, 65535n],
  UINT32: [0n, 4294967295n],
  UINT64: [0n, 18446744073709551615n],
  INT8: [-128n, 127n],
  INT16: [-32768n, 32767n],
  INT32: [-2147483648n, 2147483647n],
  INT64: [-9223372036854775808n, 9223372036854775807n],
};

export interface V2Tensor {
  name: string;
  datatype: string;
  /** -1 where unknown; null for unknown rank. */
  shape: number[] | null;
  dtype: string;
}

export interface V2Api {
  name: string;
  version?: string;
  /** The one signature served (its key). */
  signature: string;
  inputs: V2Tensor[];
  outputs: V2Tensor[];
  /** `signatures` and `skipped` as every protocol view has them. */
  signatures: { key: string }[];
  skipped: { key: string; reason: string }[];
  tensorflowVersion: string;
}

/** Elements in a tensor of this (concrete) shape. */
export const elements = (shape: number[]) => shape.reduce((n, d) => n * d, 1);

/** Bytes per element in the binary tensor data extension (little-endian, row-major, unpadded);
 * BYTES elements are each a 4-byte little-endian length and the bytes. */
export const V2_BINARY_WIDTH: Readonly<Record<string, number>> = {
  BOOL: 1,
  UINT8: 1,
  INT8: 1,
  UINT16: 2,
  INT16: 2,
  FP16: 2,
  BF16: 2,
  UINT32: 4,
  INT32: 4,
  FP32: 4,
  UINT64: 8,
  INT64: 8,
  FP64: 8,
};
