/** `--name value` from the command line, else `dflt`: the benchmarks' (and the fuzz driver's) options. */
export const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : dflt;
};
