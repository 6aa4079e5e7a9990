/* global document, localStorage, location, setInterval, CustomEvent */
// Every page: the demo bar's location picker (sets `postal-code` on every nearbuy element) and
// the demo clock. Runs before the widget script (module scripts run in document order), so the
// elements already carry the chosen postal code when they are defined.
import { api } from './lib.js';

const LOCATION_KEY = 'loopback:postal-code';
/** Where the widget remembers a postal code the shopper typed into it (README: it wins). */
const WIDGET_KEY = 'nearbuy:postal-code';

function read(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key, value) {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage blocked: the choice lasts for this page only.
  }
}

const picker = document.getElementById('demo-location');

function showInPicker(code) {
  if (!picker || !code) return;
  if (![...picker.options].some((o) => o.value === code)) {
    const option = document.createElement('option');
    option.value = code;
    option.textContent = `${code} · typed in the widget`;
    picker.append(option);
  }
  picker.value = code;
}

function applyPostalCode(code) {
  for (const element of document.querySelectorAll('nearbuy-button, nearbuy-promise')) element.setAttribute('postal-code', code);
  document.dispatchEvent(new CustomEvent('demo-location-change', { detail: code }));
}

const chosen = read(LOCATION_KEY) ?? picker?.value ?? '85226';
applyPostalCode(chosen);
showInPicker(read(WIDGET_KEY) ?? chosen);

picker?.addEventListener('change', () => {
  const code = picker.value;
  write(LOCATION_KEY, code);
  if (read(WIDGET_KEY) !== null) {
    // A code typed in the widget wins over the attribute; forget it, and let the widgets start over.
    write(WIDGET_KEY, null);
    location.reload();
    return;
  }
  applyPostalCode(code);
});

// A shopper who types a postal code in one widget changes it for all of them: follow along.
document.addEventListener('nearbuy-promise-shown', (event) => {
  const code = event.detail?.postalCode;
  if (code && read(WIDGET_KEY) === code) showInPicker(code);
});

/** The shop's clock, as the server sees it (demo mode can move it). */
const clockOutput = document.getElementById('demo-clock-now');
let skewMs = 0;

/** The chosen place's time zone, from its option's `data-zone` (a code typed in the widget has none). */
function zone() {
  return picker?.selectedOptions[0]?.dataset.zone ?? 'America/Phoenix';
}

function renderClock() {
  if (!clockOutput) return;
  const format = new Intl.DateTimeFormat('en-US', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: zone(),
    timeZoneName: 'short',
  });
  const text = format.format(new Date(Date.now() + skewMs));
  if (clockOutput.textContent !== text) clockOutput.textContent = text;
}

async function loadClock() {
  try {
    const state = await api('/demo/clock');
    skewMs = Date.parse(state.now) - Date.now();
    clockOutput?.classList.toggle('moved', !state.real);
    if (clockOutput) clockOutput.title = state.real ? 'Real time' : `Moved ${Math.round(state.offsetMs / 60_000)} min from the real time`;
    renderClock();
  } catch {
    if (clockOutput) clockOutput.textContent = 'unavailable';
  }
}

async function moveClock(request) {
  try {
    await request();
    // Each widget asks for a fresh promise on load.
    location.reload();
  } catch (error) {
    if (clockOutput) clockOutput.textContent = error.message;
  }
}

for (const button of document.querySelectorAll('[data-advance]')) {
  button.addEventListener('click', () =>
    moveClock(() => api('/demo/clock', { method: 'POST', body: { advanceMinutes: Number(button.dataset.advance) } })),
  );
}
document.getElementById('demo-clock-reset')?.addEventListener('click', () => moveClock(() => api('/demo/clock', { method: 'DELETE' })));
picker?.addEventListener('change', renderClock);

void loadClock();
setInterval(renderClock, 1000);
