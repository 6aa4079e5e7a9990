/** The build step that collapses whitespace in Lit templates must change nothing else. */
import { expect } from 'chai';
import { minifyTemplates } from '../../../widget/build/minify-templates.js';

describe('minifyTemplates (build)', () => {
  const cases: [string, string, string][] = [
    [
      'css declarations and selectors',
      'css`\n  :host {\n    color: red;\n    --x: var(--y, 1px);\n  }\n  .a .b,\n  .c > .d {\n    margin: 0 auto;\n  }\n`',
      'css`:host{color:red;--x:var(--y,1px)}.a .b,.c>.d{margin:0 auto}`',
    ],
    [
      'html indentation, keeping inline spaces',
      'html`<p>\n    <span>${a}</span> <b>x</b>\n  </p>`',
      'html`<p> <span>${a}</span> <b>x</b> </p>`',
    ],
    [
      'a space before a closing >',
      'html`<button\n  type="button"\n  @click=${f}\n>ok</button>`',
      'html`<button type="button" @click=${f}>ok</button>`',
    ],
    [
      'nested templates inside expressions',
      'html`<ul>\n  ${xs.map((x) => html`<li>\n    ${x}\n  </li>`)}\n</ul>`',
      'html`<ul> ${xs.map((x) => html`<li> ${x} </li>`)} </ul>`',
    ],
    ['untagged templates untouched', 'const s = `a\n   b`; html`<i>\n </i>`', 'const s = `a\n   b`; html`<i> </i>`'],
    [
      'strings and comments with backticks untouched',
      'const q = \'`\'; // html`\n  x\nconst r = "`"; /* css` a  b */ html`<p>\n</p>`',
      'const q = \'`\'; // html`\n  x\nconst r = "`"; /* css` a  b */ html`<p> </p>`',
    ],
    ['braces in expressions', 'html`<p>\n ${{ a: 1 }.a}\n</p>`', 'html`<p> ${{ a: 1 }.a} </p>`'],
  ];
  for (const [name, input, output] of cases) {
    it(name, () => {
      expect(minifyTemplates(input)).to.equal(output);
    });
  }
});
