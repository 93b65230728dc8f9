/**
 * Hands values from the code that calls a constructor to the constructor, past jsii's public props. jsii needs public
 * constructors whose props are public types, so a static `fromX()` factory cannot call a private constructor, and a
 * parent cannot pass a construct it creates an internal value (the inputs it already validated). The caller wraps the
 * one `new` in {@link run}; the constructor calls {@link take} first thing; a plain `new` finds the hand-over empty.
 */
export class ConstructorHandOver<T> {
  private pending?: T;

  /** Runs `construct` with `value` available to the constructor it calls, and empties the hand-over afterwards. */
  public run<R>(value: T, construct: () => R): R {
    this.pending = value;
    try {
      return construct();
    } finally {
      this.pending = undefined;
    }
  }

  /** The value handed to the constructor in progress (once), or undefined for a plain `new`. */
  public take(): T | undefined {
    const value = this.pending;
    this.pending = undefined;
    return value;
  }
}
