import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    font-size: var(--nearbuy-promise-font-size, 1em);
  }
  .base {
    background: var(--nearbuy-promise-background, transparent);
  }
`;
