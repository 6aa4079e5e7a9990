/**
 * The first chunk's own reactive base for `<nearbuy-button>` and `<nearbuy-promise>`: Lit's
 * templates (`lit-html`) with the small part of `LitElement` these two elements use, so that
 * `LitElement` and `ReactiveElement` (about 3 KB gzip) stay out of the first chunk (widget/README.md,
 * "How the first chunk stays small"). The checkout dialog, a lazy chunk, is a `LitElement`.
 *
 * What it keeps of Lit's model: `static properties` (attribute name, `Number` conversion,
 * `reflect`, `state`), inherited and merged down the class chain; `requestUpdate()` batching every
 * change into one update per microtask; `willUpdate(changed)` → `render()` → `updated(changed)`,
 * where changes made in `willUpdate` join the update in progress; `hasUpdated`, `updateComplete`,
 * `renderRoot` (an open shadow root); `static styles` as CSS text, adopted as constructable
 * style sheets (allowed under a strict CSP). Updates wait until the element is first connected.
 */
import { render, type RootPart } from 'lit/html.js';

export interface PropertyOptions {
  /** The attribute's name; the property's name in lower case by default. */
  attribute?: string;
  /** `Number` converts the attribute; strings otherwise. */
  type?: typeof Number;
  /** Writes the property back to its attribute after each change. */
  reflect?: boolean;
  /** Internal reactive state: no attribute. */
  state?: boolean;
}
export type PropertyDeclarations = Record<string, PropertyOptions>;
/** The properties changed in an update, each with its previous value. */
export type PropertyValues = Map<PropertyKey, unknown>;

/** `css` for this base: the template's text (collapsed at build time like Lit's, see `build/`). */
export function css(strings: TemplateStringsArray, ...values: unknown[]): string {
  return strings.reduce((text, part, index) => text + String(values[index - 1]) + part);
}

/** One constructable style sheet per CSS text, shared by every element that uses it. */
const sheets = new Map<string, CSSStyleSheet>();
export function styleSheet(text: string): CSSStyleSheet {
  let sheet = sheets.get(text);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    sheets.set(text, sheet);
  }
  return sheet;
}

/** A declared property: its name, options and attribute (`''` for internal state). */
type Declared = [name: string, options: PropertyOptions, attribute: string];
/** Per class: every declared property, its own and inherited. */
const declaredOf = new WeakMap<object, Declared[]>();

export abstract class WidgetElement extends HTMLElement {
  declare static properties: PropertyDeclarations;
  declare static styles: string[];

  static get observedAttributes(): string[] {
    return WidgetElement.#declared(this).flatMap(([, , attribute]) => attribute || []);
  }

  /** Collects `properties` down the class chain and makes an accessor for each, once per class. */
  static #declared(ctor: typeof WidgetElement): Declared[] {
    let found = declaredOf.get(ctor);
    if (found) return found;
    const parent = Object.getPrototypeOf(ctor) as typeof WidgetElement;
    found = parent.prototype instanceof WidgetElement ? [...WidgetElement.#declared(parent)] : [];
    for (const [name, options] of Object.hasOwn(ctor, 'properties') ? Object.entries(ctor.properties) : []) {
      found.push([name, options, options.state ? '' : (options.attribute ?? name.toLowerCase())]);
      Object.defineProperty(ctor.prototype, name, {
        get(this: WidgetElement) {
          return this.#values.get(name);
        },
        set(this: WidgetElement, value: unknown) {
          const old = this.#values.get(name);
          if (Object.is(old, value)) return;
          this.#values.set(name, value);
          this.requestUpdate(name, old);
        },
      });
    }
    declaredOf.set(ctor, found);
    return found;
  }

  readonly renderRoot: ShadowRoot;
  /** True once the first update has rendered. */
  hasUpdated = false;
  #values = new Map<string, unknown>();
  #changed: PropertyValues = new Map();
  #pending = false;
  #updates: Promise<boolean>;
  #enable!: (value: boolean) => void;
  #part: RootPart | undefined;
  #early = new Map<string, unknown>();

  constructor() {
    super();
    const ctor = this.constructor as typeof WidgetElement;
    // A value the page set before the element was defined shadows the accessor: set it again
    // through the accessor at the first update, after the constructors' defaults.
    for (const [name] of WidgetElement.#declared(ctor)) {
      if (Object.hasOwn(this, name)) {
        this.#early.set(name, (this as unknown as Record<string, unknown>)[name]);
        delete (this as unknown as Record<string, unknown>)[name];
      }
    }
    this.renderRoot = this.attachShadow({ mode: 'open' });
    this.renderRoot.adoptedStyleSheets = (ctor.styles ?? []).map(styleSheet);
    this.#updates = new Promise((resolve) => (this.#enable = resolve));
    this.requestUpdate();
  }

  /** Resolves after the pending update (true when no other update was requested meanwhile). */
  get updateComplete(): Promise<boolean> {
    return this.#updates;
  }

  connectedCallback(): void {
    this.#enable(true);
    this.#part?.setConnected(true);
  }

  disconnectedCallback(): void {
    this.#part?.setConnected(false);
  }

  attributeChangedCallback(attribute: string, _old: string | null, value: string | null): void {
    const found = WidgetElement.#declared(this.constructor as typeof WidgetElement).find((declared) => declared[2] === attribute);
    if (found) (this as unknown as Record<string, unknown>)[found[0]] = found[1].type === Number && value !== null ? Number(value) : value;
  }

  /** Schedules an update (one per microtask however many properties change). */
  requestUpdate(name?: string, old?: unknown): void {
    if (name !== undefined && !this.#changed.has(name)) this.#changed.set(name, old);
    if (this.#pending) return;
    this.#pending = true;
    this.#updates = this.#enqueue(this.#updates);
  }

  async #enqueue(previous: Promise<boolean>): Promise<boolean> {
    try {
      await previous;
    } catch {
      // The previous update threw (and its caller saw it); this one still runs.
    }
    this.#update();
    return !this.#pending;
  }

  #update(): void {
    for (const [name, value] of this.#early) (this as unknown as Record<string, unknown>)[name] = value;
    this.#early.clear();
    const changed = this.#changed;
    try {
      this.willUpdate(changed);
      for (const [name, options, attribute] of WidgetElement.#declared(this.constructor as typeof WidgetElement)) {
        if (options.reflect && changed.has(name)) this.#reflect(attribute, this.#values.get(name));
      }
      this.#part = render(this.render(), this.renderRoot, { host: this });
    } finally {
      this.#changed = new Map();
      this.#pending = false;
    }
    this.hasUpdated = true;
    this.updated(changed);
  }

  #reflect(attribute: string, value: unknown): void {
    if (value == null) this.removeAttribute(attribute);
    else if (this.getAttribute(attribute) !== String(value)) this.setAttribute(attribute, String(value));
  }

  /** Before rendering: derive state from what changed (changes made here join this update). */
  protected willUpdate(_changed: PropertyValues): void {}

  /** After rendering. */
  protected updated(_changed: PropertyValues): void {}

  protected abstract render(): unknown;
}
