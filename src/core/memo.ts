/**
 * Results of a pure function of a text (a callee name, a comment), kept
 * across analyses: the map is dropped whole once it holds `limit` entries,
 * so a long session or a CLI run over many files stays bounded.
 */
export class BoundedMemo<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly limit = 5000) {}

  get(key: string, compute: () => V): V {
    const hit = this.map.get(key);
    if (hit !== undefined || this.map.has(key)) {
      return hit as V;
    }
    const value = compute();
    if (this.map.size >= this.limit) {
      this.map.clear();
    }
    this.map.set(key, value);
    return value;
  }
}
