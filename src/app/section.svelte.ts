/**
 * One report section's result: the value of its latest run, its error, whether it is running.
 * A newer run supersedes one still in flight (its result is dropped), so fast parameter changes
 * never show stale numbers.
 */
export class Section<T> {
  value = $state<T | null>(null);
  error = $state<string | null>(null);
  running = $state(false);
  ms = $state(0);
  private generation = 0;

  async run(compute: () => Promise<T>): Promise<void> {
    const gen = ++this.generation;
    this.running = true;
    this.error = null;
    const t0 = performance.now();
    try {
      const value = await compute();
      if (gen !== this.generation) return;
      this.value = value;
      this.ms = performance.now() - t0;
    } catch (e) {
      if (gen === this.generation) {
        this.value = null;
        this.error = (e as Error).message;
      }
    } finally {
      if (gen === this.generation) this.running = false;
    }
  }

  clear() {
    this.generation++;
    this.value = null;
    this.error = null;
    this.running = false;
  }
}
