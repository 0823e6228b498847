// A signature's tensor (TensorInfo): what the model calls it, its dtype and shape, and how it is
// encoded (a plain tensor, a COO sparse tensor, or a composite such as a RaggedTensor).
import { dtypeName } from './dtype.js';

export type Encoding = 'name' | 'coo_sparse' | 'composite_tensor';

export interface TensorSpec {
  /** The key in the signature's inputs/outputs map: what requests and responses use. */
  alias: string;
  /** The graph tensor (for coo_sparse: the values tensor; empty for composites). */
  name: string;
  dtype: string;
  /** Dimensions, -1 where unknown; [] for a scalar; null where the rank is unknown. */
  shape: number[] | null;
  encoding: Encoding;
  cooSparse?: { values: string; indices: string; denseShape: string };
  composite?: { typeSpecClass: string; typeSpecClassName?: string; components: TensorSpec[] };
}

/** The TensorInfo plain object protobufjs gives (keepCase). */
export interface TensorInfoObject {
  name?: string;
  coo_sparse?: { values_tensor_name?: string; indices_tensor_name?: string; dense_shape_tensor_name?: string };
  composite_tensor?: {
    type_spec?: { type_spec_class?: string | number; type_spec_class_name?: string };
    components?: TensorInfoObject[];
  };
  dtype?: string | number;
  tensor_shape?: { dim?: { size?: number }[]; unknown_rank?: boolean };
}

export function tensorFromObject(alias: string, info: TensorInfoObject): TensorSpec {
  const shape = info.tensor_shape && !info.tensor_shape.unknown_rank ? (info.tensor_shape.dim ?? []).map((d) => d.size ?? 0) : null;
  const base = { alias, dtype: dtypeName(info.dtype), shape };
  if (info.coo_sparse) {
    const c = info.coo_sparse;
    return {
      ...base,
      // TensorInfo's own name field: empty for a sparse tensor, whose parts are named in the encoding.
      name: info.name ?? '',
      encoding: 'coo_sparse',
      cooSparse: { values: c.values_tensor_name ?? '', indices: c.indices_tensor_name ?? '', denseShape: c.dense_shape_tensor_name ?? '' },
    };
  }
  if (info.composite_tensor) {
    const c = info.composite_tensor;
    const cls = c.type_spec?.type_spec_class;
    return {
      ...base,
      name: '',
      encoding: 'composite_tensor',
      composite: {
        typeSpecClass: cls === undefined ? 'UNKNOWN' : String(cls),
        ...(c.type_spec?.type_spec_class_name ? { typeSpecClassName: c.type_spec.type_spec_class_name } : {}),
        components: (c.components ?? []).map((comp, i) => tensorFromObject(`${alias}[${i}]`, comp)),
      },
    };
  }
  return { ...base, name: info.name ?? '', encoding: 'name' };
}

/** Shape as TensorFlow prints it: (-1, 3), () for a scalar, <unknown> for unknown rank. */
export function formatShape(shape: number[] | null): string {
  if (shape === null) return 'unknown rank';
  return `(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`;
}
