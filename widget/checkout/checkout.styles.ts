import { css } from 'lit';

export const styles = css`
  :host {
    display: contents;
  }
  dialog {
    inline-size: min(var(--nearbuy-dialog-width, 30rem), calc(100vw - 2rem));
    max-inline-size: none;
    max-block-size: min(90vh, 48rem);
    margin: auto;
    padding: 0;
    border: 0;
    border-radius: var(--nearbuy-dialog-radius, 12px);
    background: var(--nearbuy-dialog-background, var(--_surface));
    color: var(--nearbuy-dialog-color, var(--_on-surface));
    font-family: var(--_font);
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.3);
  }
  dialog::backdrop {
    background: var(--nearbuy-backdrop, rgb(0 0 0 / 0.45));
  }
  /* Phones: a bottom sheet. */
  @media (max-width: 600px) {
    dialog {
      inline-size: 100vw;
      max-block-size: 92vh;
      margin: auto 0 0;
      border-end-start-radius: 0;
      border-end-end-radius: 0;
    }
  }
  .panel {
    display: grid;
    gap: 1rem;
    padding: 1rem 1.25rem 1.25rem;
  }
  header {
    display: flex;
    align-items: center;
    gap: 0.75rem;
  }
  h2 {
    margin: 0;
    font-size: 1.25em;
  }
  h3 {
    margin: 0;
    font-size: 1.05em;
  }
  .step {
    display: grid;
    gap: 0.75rem;
  }
  header .step {
    display: block;
    flex: 1;
    font-size: 0.875em;
    color: var(--_muted);
  }
  .close {
    inline-size: 2.5rem;
    block-size: 2.5rem;
    border: 0;
    border-radius: 50%;
    background: transparent;
    cursor: pointer;
  }
  .close:hover {
    background: var(--_skeleton);
  }
  fieldset {
    display: grid;
    gap: 0.75rem;
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  legend {
    padding: 0;
    margin-block-end: 0.5rem;
    font-weight: 600;
  }
  .check {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    font-size: 0.9em;
  }
  .field {
    display: grid;
    gap: 0.25rem;
    font-size: 0.9em;
  }
  .field input {
    box-sizing: border-box;
    inline-size: 100%;
    min-inline-size: 0;
    padding: 0.5rem 0.625rem;
    border: 1px solid var(--_outline);
    border-radius: calc(var(--_radius) / 1.5);
    background: var(--_surface);
    font-size: 1rem;
  }
  .field input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .field-error {
    color: var(--_danger);
  }
  .row {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    gap: 0.75rem;
    align-items: end;
  }
  .member {
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem;
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_primary) 8%, var(--_surface));
    font-size: 0.9em;
  }
  .member p {
    margin: 0;
  }
  .actions {
    display: flex;
    justify-content: flex-end;
    gap: 0.75rem;
  }
  .primary,
  .secondary {
    min-block-size: 2.75rem;
    padding: 0.5rem 1.25rem;
    border-radius: var(--nearbuy-button-radius, var(--_radius));
    font-weight: 600;
    cursor: pointer;
  }
  .primary {
    border: 0;
    background: var(--nearbuy-button-background, var(--_primary));
    color: var(--nearbuy-button-color, var(--_on-primary));
  }
  .secondary {
    border: 1px solid var(--_outline);
    background: transparent;
  }
  button:disabled {
    cursor: progress;
    opacity: 0.75;
  }
  .options {
    gap: 0.5rem;
  }
  .option {
    display: flex;
    gap: 0.75rem;
    align-items: flex-start;
    padding: 0.75rem;
    border: 1px solid var(--_outline);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .option.checked {
    border-color: var(--_primary);
    box-shadow: inset 0 0 0 1px var(--_primary);
  }
  .option input {
    margin-block-start: 0.25rem;
    accent-color: var(--_primary);
  }
  .option-text {
    display: grid;
    gap: 0.125rem;
  }
  .option-title {
    display: flex;
    gap: 0.75rem;
    justify-content: space-between;
  }
  .muted {
    color: var(--_muted);
  }
  .notice {
    margin: 0;
    padding: 0.75rem;
    border-radius: var(--_radius);
    border-inline-start: 4px solid var(--_danger);
    background: color-mix(in srgb, var(--_danger) 10%, var(--_surface));
  }
  .summary {
    display: grid;
    gap: 0.375rem;
    margin: 0;
  }
  .summary div {
    display: flex;
    justify-content: space-between;
    gap: 1rem;
  }
  .summary dd {
    margin: 0;
    text-align: end;
  }
  .summary .total {
    font-weight: 700;
    padding-block-start: 0.375rem;
    border-block-start: 1px solid var(--_outline);
  }
  .test-mode {
    display: grid;
    gap: 0.25rem;
    padding: 0.75rem;
    border: 2px dashed var(--nearbuy-test-mode-color, #8a5a00);
    border-radius: var(--_radius);
    font-size: 0.9em;
  }
  .test-mode strong {
    color: var(--nearbuy-test-mode-color, #8a5a00);
    letter-spacing: 0.05em;
  }
  :host([theme='dark']) .test-mode,
  :host([theme='dark']) .test-mode strong {
    --nearbuy-test-mode-color: #ffd27a;
  }
  .stripe {
    min-block-size: 12rem;
  }
  a {
    color: var(--nearbuy-link-color, var(--_link));
  }
  .done p {
    margin: 0;
  }
  .timeline h4 {
    margin: 0.25em 0;
    font-size: 1em;
  }
  .timeline ol {
    display: grid;
    gap: 0.25em;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .timeline li {
    position: relative;
    padding-inline-start: 1.5em;
    color: var(--_muted);
  }
  .timeline li::before {
    content: '';
    position: absolute;
    inset-inline-start: 0.2em;
    inset-block-start: 0.45em;
    inline-size: 0.6em;
    block-size: 0.6em;
    border: 2px solid currentColor;
    border-radius: 50%;
  }
  .timeline li[data-reached] {
    color: inherit;
  }
  .timeline li[data-reached]::before {
    border-color: var(--_primary);
    background: var(--_primary);
  }
  .timeline .name {
    font-weight: 600;
  }
`;
