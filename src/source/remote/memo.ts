// A remote store lives for one model load, in which resolving a layout asks an object's size
// (is it there?) and opening it asks again: one request answers both.
export function memo<T>(lookup: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const seen = new Map<string, Promise<T>>();
  return (key) => {
    let p = seen.get(key);
    if (!p) seen.set(key, (p = lookup(key)));
    return p;
  };
}
