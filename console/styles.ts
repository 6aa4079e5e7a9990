/** Styles every console page shares: readable on a phone, visible focus, AA contrast. */
import { css } from 'lit';

export const shared = css`
  :host {
    display: block;
  }
  h1 {
    font-size: 1.5rem;
    margin: 0 0 1rem;
  }
  h2 {
    font-size: 1.15rem;
    margin: 1.5rem 0 0.5rem;
  }
  a {
    color: #0b57d0;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
  }
  input,
  select,
  textarea {
    padding: 0.45rem 0.55rem;
    border: 1px solid #6b7280;
    border-radius: 6px;
    background: #fff;
    color: inherit;
    min-width: 0;
  }
  button {
    padding: 0.5rem 0.9rem;
    border-radius: 6px;
    border: 1px solid #0b57d0;
    background: #0b57d0;
    color: #fff;
    cursor: pointer;
  }
  button.secondary {
    background: #fff;
    color: #0b57d0;
  }
  button.danger {
    background: #b3261e;
    border-color: #b3261e;
  }
  button[disabled] {
    opacity: 0.6;
    cursor: progress;
  }
  :focus-visible {
    outline: 3px solid #f59e0b;
    outline-offset: 2px;
  }
  label {
    display: grid;
    gap: 0.25rem;
    font-weight: 500;
  }
  .field {
    display: grid;
    gap: 0.25rem;
  }
  .field > label {
    font-weight: 500;
  }
  .hint {
    color: #4b5563;
    font-size: 0.9rem;
    font-weight: 400;
  }
  .form {
    display: grid;
    gap: 0.9rem;
    max-width: 28rem;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.6rem;
    align-items: end;
  }
  .card {
    background: #fff;
    border: 1px solid #d1d5db;
    border-radius: 10px;
    padding: 1rem;
    margin: 0 0 1rem;
  }
  .card > h2:first-child {
    margin-top: 0;
  }
  .error {
    color: #8c1d18;
    background: #fdecea;
    border: 1px solid #f3b6b0;
    border-radius: 6px;
    padding: 0.6rem 0.8rem;
  }
  .notice {
    color: #14532d;
    background: #e7f6ec;
    border: 1px solid #9fd8b0;
    border-radius: 6px;
    padding: 0.6rem 0.8rem;
  }
  .scroll {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    background: #fff;
  }
  th,
  td {
    text-align: left;
    padding: 0.5rem 0.6rem;
    border-bottom: 1px solid #e5e7eb;
    vertical-align: top;
  }
  th {
    font-size: 0.85rem;
    color: #374151;
  }
  code,
  pre {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9rem;
  }
  pre {
    white-space: pre-wrap;
    word-break: break-all;
    background: #111827;
    color: #f9fafb;
    padding: 0.8rem;
    border-radius: 8px;
  }
  .status {
    display: inline-block;
    padding: 0.05rem 0.5rem;
    border-radius: 999px;
    background: #e5e7eb;
    font-size: 0.85rem;
    white-space: nowrap;
  }
  .status.cancelled {
    background: #fde2e1;
    color: #8c1d18;
  }
  .status.delivered {
    background: #dcfce7;
    color: #14532d;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
