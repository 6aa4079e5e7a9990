/** The base of every widget event: a `CustomEvent` that bubbles and crosses shadow roots. */
export class NearbuyEvent<T> extends CustomEvent<T> {
  constructor(type: string, detail: T) {
    super(type, { bubbles: true, composed: true, detail });
  }
}
