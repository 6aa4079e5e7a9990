/**
 * `WidgetElement` (widget/internal/element.ts), the first chunk's reactive base: the part of
 * LitElement's behaviour the elements rely on, on a small element of the test's own.
 */
import { expect } from 'chai';
import { html } from 'lit/html.js';
import { WidgetElement, css, type PropertyDeclarations, type PropertyValues } from '../../../widget/internal/element.js';

class TestElement extends WidgetElement {
  static override properties: PropertyDeclarations = {
    label: {},
    count: { type: Number },
    mode: { reflect: true },
    fullName: { attribute: 'full-name' },
    _hidden: { state: true },
  };
  static override styles = [
    css`
      p {
        color: rgb(1, 2, 3);
      }
    `,
  ];
  declare label: string | null;
  declare count: number | null;
  declare mode: string | null;
  declare fullName: string | null;
  declare _hidden: string;
  renders = 0;
  updates: PropertyValues[] = [];
  clicks = 0;

  constructor() {
    super();
    this.label = 'default';
    this.mode = 'light';
    this._hidden = '';
  }

  protected override willUpdate(changed: PropertyValues): void {
    // A change made here joins the update in progress.
    if (changed.has('label')) this._hidden = `derived from ${this.label}`;
  }

  protected override updated(changed: PropertyValues): void {
    this.updates.push(new Map(changed));
  }

  protected render() {
    this.renders += 1;
    return html`<p @click=${this.#onClick}>${this.label} ${this.count} ${this.fullName} ${this._hidden}</p>`;
  }

  #onClick() {
    // Listeners are called with the element as `this`.
    this.clicks += 1;
  }
}
customElements.define('test-widget-element', TestElement);

const created: Element[] = [];
function make(attributes: Record<string, string> = {}): TestElement {
  const element = document.createElement('test-widget-element') as TestElement;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  document.body.append(element);
  created.push(element);
  return element;
}
const paragraph = (element: TestElement) => element.shadowRoot!.querySelector('p')!;

describe('WidgetElement', () => {
  afterEach(() => {
    for (const element of created.splice(0)) element.remove();
  });

  it('renders into an open shadow root with its styles once connected', async () => {
    const element = make({ label: 'hello', count: '3', 'full-name': 'Ada' });
    await element.updateComplete;
    expect(paragraph(element).textContent).to.equal('hello 3 Ada derived from hello');
    expect(getComputedStyle(paragraph(element)).color).to.equal('rgb(1, 2, 3)');
    expect(element.count).to.equal(3);
    expect(element.hasUpdated).to.equal(true);
  });

  it('waits for the first connection before updating', async () => {
    const element = document.createElement('test-widget-element') as TestElement;
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(element.renders).to.equal(0);
    document.body.append(element);
    created.push(element);
    await element.updateComplete;
    expect(element.renders).to.equal(1);
  });

  it('batches changes into one update and reports their previous values', async () => {
    const element = make();
    await element.updateComplete;
    element.updates.length = 0;
    element.label = 'a';
    element.label = 'b';
    element.count = 7;
    expect(await element.updateComplete).to.equal(true);
    expect(element.renders).to.equal(2);
    expect(element.updates).to.have.length(1);
    expect([...element.updates[0]!]).to.deep.equal([
      ['label', 'default'],
      ['count', undefined],
      ['_hidden', 'derived from default'],
    ]);
    element.count = 7;
    await element.updateComplete;
    expect(element.renders, 'setting the same value is no change').to.equal(2);
  });

  it('maps attributes to properties, and reflects only what asks to be reflected', async () => {
    const element = make();
    await element.updateComplete;
    expect(element.getAttribute('mode')).to.equal('light');
    element.mode = 'dark';
    await element.updateComplete;
    expect(element.getAttribute('mode')).to.equal('dark');
    element.setAttribute('mode', 'auto');
    expect(element.mode).to.equal('auto');
    element.label = 'not reflected';
    await element.updateComplete;
    expect(element.hasAttribute('label')).to.equal(false);
    element.setAttribute('count', '12');
    expect(element.count).to.equal(12);
    element.removeAttribute('count');
    expect(element.count).to.equal(null);
    expect(element.hasAttribute('_hidden')).to.equal(false);
    expect(TestElement.observedAttributes).to.deep.equal(['label', 'count', 'mode', 'full-name']);
  });

  it('keeps a value the page set before the element was defined', async () => {
    class LateElement extends TestElement {}
    const element = document.createElement('test-late-element') as TestElement;
    (element as unknown as { label: string }).label = 'set early';
    document.body.append(element);
    created.push(element);
    customElements.define('test-late-element', LateElement);
    await element.updateComplete;
    expect(element.label).to.equal('set early');
    expect(paragraph(element).textContent).to.contain('set early');
  });

  it('calls template listeners with the element as `this`', async () => {
    const element = make();
    await element.updateComplete;
    paragraph(element).click();
    expect(element.clicks).to.equal(1);
  });
});
