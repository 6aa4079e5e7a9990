/* global document, location, navigator */
// The playground: a form drives one widget element's attributes and theme tokens live, and
// shows the embed snippet for exactly what is on screen.
import { el, PUBLISHABLE_KEY } from './lib.js';

const form = document.getElementById('playground-controls');
const preview = document.getElementById('preview');
const snippet = document.getElementById('snippet');
const copyStatus = document.getElementById('copy-status');
const events = document.getElementById('events');
const ATTRIBUTES = ['sku', 'quantity', 'postal-code', 'locale', 'theme'];
const DEFAULTS = { quantity: '1', theme: 'light', locale: '' };
const tokenInputs = [...form.querySelectorAll('[name^="--nearbuy-"]')];
const tokenDefaults = new Map(tokenInputs.map((input) => [input.name, input.value]));

function widget() {
  return preview.querySelector('nearbuy-button, nearbuy-promise');
}

function tokenValue(input) {
  if (input.value === tokenDefaults.get(input.name)) return null;
  if (input.value === '') return null;
  return input.dataset.unit ? `${input.value}${input.dataset.unit}` : input.value;
}

function apply() {
  const tag = form.elements.element.value;
  let element = widget();
  if (!element || element.localName !== tag) {
    // Another element: a new one, with the same attributes.
    const next = document.createElement(tag);
    element?.replaceWith(next);
    if (!element) preview.append(next);
    element = next;
    element.setAttribute('publishable-key', PUBLISHABLE_KEY);
  }
  for (const name of ATTRIBUTES) {
    const value = form.elements[name].value.trim();
    if (value === '' || value === DEFAULTS[name]) element.removeAttribute(name);
    else if (element.getAttribute(name) !== value) element.setAttribute(name, value);
  }
  for (const input of tokenInputs) {
    const value = tokenValue(input);
    if (value === null) element.style.removeProperty(input.name);
    else element.style.setProperty(input.name, value);
  }
  preview.classList.toggle('dark', form.elements.theme.value === 'dark');
  renderSnippet(element);
}

function renderSnippet(element) {
  const attributes = [...element.attributes].filter((a) => a.name !== 'style').map((a) => `${a.name}="${a.value}"`);
  const lines = [
    `<link rel="stylesheet" href="${location.origin}/widget/nearbuy.css">`,
    `<script type="module" async src="${location.origin}/widget/nearbuy.js"></script>`,
    '',
    `<${element.localName} ${attributes.join(' ')}></${element.localName}>`,
  ];
  const tokens = tokenInputs.map((input) => [input.name, tokenValue(input)]).filter(([, value]) => value !== null);
  if (tokens.length > 0) {
    lines.push('', '<style>', `  ${element.localName} {`, ...tokens.map(([name, value]) => `    ${name}: ${value};`), '  }', '</style>');
  }
  snippet.textContent = lines.join('\n');
}

form.addEventListener('input', apply);
form.addEventListener('change', apply);
form.addEventListener('submit', (event) => event.preventDefault());
document.getElementById('reset-tokens').addEventListener('click', () => {
  for (const input of tokenInputs) input.value = tokenDefaults.get(input.name);
  apply();
});

// The demo bar's location picker sets postal-code on every widget: keep the field in step.
document.addEventListener('demo-location-change', (event) => {
  form.elements['postal-code'].value = event.detail;
  renderSnippet(widget());
});

document.getElementById('copy-snippet').addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(snippet.textContent);
    copyStatus.textContent = 'Copied to the clipboard.';
  } catch {
    // No clipboard permission: select the text so that Ctrl+C works.
    const range = document.createRange();
    range.selectNodeContents(snippet);
    document.getSelection().removeAllRanges();
    document.getSelection().addRange(range);
    copyStatus.textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
  }
});

document.getElementById('clear-events').addEventListener('click', () => events.replaceChildren());
for (const type of ['nearbuy-ready', 'nearbuy-promise-shown', 'nearbuy-checkout-opened', 'nearbuy-order-placed', 'nearbuy-error']) {
  document.addEventListener(type, (event) => {
    const time = new Date().toLocaleTimeString('en-US');
    events.prepend(el('li', {}, el('strong', {}, type), ` ${time} `, JSON.stringify(event.detail)));
    while (events.children.length > 50) events.lastElementChild.remove();
  });
}

apply();
