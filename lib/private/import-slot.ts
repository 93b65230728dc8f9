/**
 * Hands the attributes of an existing object from a static `fromX()` factory to the one constructor call it makes.
 * jsii needs public constructors, so `fromMountPath` cannot call a private one; the constructor takes the attributes
 * from the slot instead, and a plain `new` (slot empty) creates the object.
 */
export class ImportSlot<T> {
  private pending?: T;

  /** Runs `construct` with `attributes` available to the constructor it calls, and empties the slot afterwards. */
  public run<R>(attributes: T, construct: () => R): R {
    this.pending = attributes;
    try {
      return construct();
    } finally {
      this.pending = undefined;
    }
  }

  /** The attributes of the import in progress (once), or undefined for a plain `new`. */
  public take(): T | undefined {
    const attributes = this.pending;
    this.pending = undefined;
    return attributes;
  }
}
