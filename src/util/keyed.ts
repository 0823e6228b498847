// Objects keyed by model strings (aliases, signature keys, feature names) have no prototype, so a
// name like `__proto__` or `constructor` is an ordinary key and never reaches Object.prototype.
export function keyedObject<T>(entries: Iterable<readonly [string, T]>): { [k: string]: T } {
  const o: { [k: string]: T } = Object.create(null);
  for (const [k, v] of entries) o[k] = v;
  return o;
}
