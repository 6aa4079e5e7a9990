/**
 * Defines a custom element unless the tag is already taken, so that a merchant who pastes the
 * script tag twice (or loads two versions) gets a working page and one warning, not an exception.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  const registry = globalThis.customElements;
  if (!registry) return;
  const existing = registry.get(tag);
  if (existing === undefined) {
    registry.define(tag, ctor);
  } else if (existing !== ctor) {
    console.warn(`<${tag}> was already defined; keeping the first`);
  }
}
