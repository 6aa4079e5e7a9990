/**
 * The script-tag entry: `<script type="module" async src="…/nearbuy.js"></script>` defines
 * `<nearbuy-button>` and `<nearbuy-promise>` (and nothing else; safe to load twice).
 * Frameworks that want to define the elements themselves import `./index.js` instead.
 */
import './button/button.js';
import './promise/promise.js';
