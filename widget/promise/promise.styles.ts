import { css } from '../internal/element.js';

export const styles = css`
  :host {
    display: block;
    font-size: var(--nearbuy-promise-font-size, 1em);
  }
  .base {
    background: var(--nearbuy-promise-background, transparent);
  }
`;
