/**
 * The two entries: `widget/index.ts` defines nothing and touches no DOM; `widget/nearbuy.ts`
 * defines the elements, safely when loaded twice, and adds no globals. This file imports the
 * entries itself, in order (each test file runs in its own page).
 */
import { expect } from 'chai';

/** Lit's own version registries (and, in its development build, its warning registry). */
const LIT_GLOBALS = /^(lit|reactiveElement)/;
const newGlobals = (before: Set<string>) => Object.keys(window).filter((key) => !before.has(key) && !LIT_GLOBALS.test(key));

describe('entries', () => {
  it('the classes entry is side-effect free', async () => {
    const headBefore = document.head.children.length;
    const bodyBefore = document.body.innerHTML;
    const globalsBefore = new Set(Object.keys(window));
    const module = await import('../../widget/index.js');
    expect(typeof module.NearbuyButton).to.equal('function');
    expect(typeof module.NearbuyPromise).to.equal('function');
    expect(typeof module.NearbuyOrderPlacedEvent).to.equal('function');
    expect(customElements.get('nearbuy-button')).to.equal(undefined);
    expect(customElements.get('nearbuy-promise')).to.equal(undefined);
    expect(document.head.children.length).to.equal(headBefore);
    expect(document.body.innerHTML).to.equal(bodyBefore);
    expect(newGlobals(globalsBefore)).to.deep.equal([]);
  });

  it('the script-tag entry defines both elements and adds no globals', async () => {
    const globalsBefore = new Set(Object.keys(window));
    const { NearbuyButton, NearbuyPromise } = await import('../../widget/index.js');
    await import('../../widget/nearbuy.js');
    expect(customElements.get('nearbuy-button') === NearbuyButton).to.equal(true);
    expect(customElements.get('nearbuy-promise') === NearbuyPromise).to.equal(true);
    expect(newGlobals(globalsBefore)).to.deep.equal([]);
    expect(document.createElement('nearbuy-button') instanceof NearbuyButton).to.equal(true);
  });

  it('is safe to load twice, even a second copy of the classes', async () => {
    const { NearbuyButton } = await import('../../widget/index.js');
    const { defineElement } = await import('../../widget/internal/define.js');
    await import('../../widget/nearbuy.js?copy=2' as string);
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args[0]);
    try {
      class SecondCopy extends NearbuyButton {}
      expect(() => defineElement('nearbuy-button', SecondCopy)).to.not.throw();
      defineElement('nearbuy-button', NearbuyButton);
    } finally {
      console.warn = warn;
    }
    expect(customElements.get('nearbuy-button') === NearbuyButton).to.equal(true);
    expect(warnings).to.deep.equal(['<nearbuy-button> was already defined; keeping the first']);
  });
});
