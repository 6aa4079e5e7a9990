import { css } from '../internal/element.js';

// `.where` reserves two lines: the place and its links wrap at the default width, and must not
// push the page when the promise arrives.

export const styles = css`
  :host {
    display: block;
    max-inline-size: var(--nearbuy-button-max-width, 28rem);
  }
  .base {
    display: grid;
    gap: 0.5em;
    padding: var(--nearbuy-card-padding, 0.875em 1em);
    border-radius: var(--_radius);
    background: var(--nearbuy-card-background, var(--_surface));
    border: var(--nearbuy-card-border, 1px solid color-mix(in srgb, var(--_outline) 50%, transparent));
  }
  .where {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25em 0.75em;
    min-block-size: 4.05em;
    font-size: 0.875em;
    color: var(--_muted);
  }
  [part='options-toggle'] {
    margin-inline-start: auto;
  }
  .link {
    padding: 0.25em 0;
    border: 0;
    background: none;
    color: var(--nearbuy-link-color, var(--_link));
    text-decoration: underline;
    cursor: pointer;
  }
  .buy {
    min-block-size: 2.75em;
    padding: 0.5em 1.25em;
    border: 0;
    border-radius: var(--nearbuy-button-radius, var(--_radius));
    background: var(--nearbuy-button-background, var(--_primary));
    color: var(--nearbuy-button-color, var(--_on-primary));
    font-weight: 600;
    cursor: pointer;
  }
  .buy:disabled {
    cursor: not-allowed;
    background: var(--nearbuy-button-disabled-background, var(--_skeleton));
    color: var(--_muted);
  }
  .problem {
    margin: 0;
    font-size: 0.875em;
    color: var(--_danger);
  }
`;
