// Every failure the tool expects is a Tf2OpenApiError with a kind. The kind fixes the CLI's exit
// code (one table, documented in the README) so scripts can tell "no such model" from "corrupt".

export const EXIT_CODES = {
  /** A request checked by `validate` is not valid. */
  INVALID_REQUEST: 1,
  /** Bad command-line usage (yargs reports these itself). */
  USAGE: 2,
  /** The path or URI does not exist. */
  NOT_FOUND: 3,
  /** A directory holds neither saved_model.pb nor numeric version subdirectories. */
  NO_SAVED_MODEL: 4,
  /** `--version` names a version the model base does not have. */
  NO_SUCH_VERSION: 5,
  /** The file is another format (TFLite, Keras HDF5, zip, text, saved_model.pbtxt). */
  NOT_A_SAVED_MODEL: 6,
  /** The file is empty. */
  EMPTY_FILE: 7,
  /** The file ends inside a field: it was cut short. */
  TRUNCATED: 8,
  /** The bytes break the protobuf wire format (bad varint, wire type, length, nesting). */
  CORRUPT: 9,
  /** A limit that bounds memory and time was exceeded (size, depth). */
  LIMIT_EXCEEDED: 10,
  /** The SavedModel holds no MetaGraphDef. */
  NO_META_GRAPH: 11,
  /** `--tags` matches none of the model's tag sets. */
  NO_SUCH_TAGS: 12,
  /** `--signature` names no servable signature. */
  NO_SUCH_SIGNATURE: 13,
  /** Reading failed (permissions, network, remote store). */
  IO: 14,
  /** An input file other than a model (spec, request, config) is unreadable or malformed. */
  BAD_INPUT: 15,
  /** `diff` found breaking API changes, or `deploy --canary` refused a canary that breaks the default's API. */
  BREAKING_CHANGES: 16,
  /** The cluster refused or could not be reached (kubeconfig, 401/403, missing CRD, conflict). */
  CLUSTER: 17,
  /** `build --check`: some outputs are stale. */
  STALE: 18,
  /** An output directory holds files tf2openapi did not write (`--force` takes it over), or an output lies outside the build's directory. */
  OUTPUT_NOT_OURS: 19,
  /** A generated document failed its own checks: a bug in tf2openapi, please report it. */
  INTERNAL: 70,
} as const;

export type ErrorKind = keyof typeof EXIT_CODES;

export class Tf2OpenApiError extends Error {
  override readonly name: string = 'Tf2OpenApiError';
  constructor(
    readonly kind: ErrorKind,
    /** One line: names the thing and what is wrong with it. */
    message: string,
  ) {
    super(message);
  }
  get exitCode(): number {
    return EXIT_CODES[this.kind];
  }
}

export const isTf2OpenApiError = (e: unknown): e is Tf2OpenApiError => e instanceof Tf2OpenApiError;
