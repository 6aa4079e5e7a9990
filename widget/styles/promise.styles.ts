import { css } from 'lit';

/** The promise line and countdown, shared by `<nearbuy-button>` and `<nearbuy-promise>`. Each
 * line keeps one line box in every state, so nothing moves when the data arrives; a long promise
 * is clipped with an ellipsis rather than wrapping onto a second line. */
export const promiseStyles = css`
  .promise {
    display: grid;
    gap: 0.125em;
  }
  .line,
  .countdown {
    margin: 0;
    min-block-size: 1.4em;
  }
  .line {
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
    font-weight: 600;
    color: var(--nearbuy-promise-color, var(--_on-surface));
  }
  .line.available {
    color: var(--nearbuy-promise-accent-color, var(--_accent));
  }
  .line.muted,
  .line.unavailable {
    font-weight: 400;
    color: var(--nearbuy-promise-muted-color, var(--_muted));
  }
  .countdown {
    font-size: 0.875em;
    color: var(--nearbuy-countdown-color, var(--_muted));
    font-variant-numeric: tabular-nums;
  }
  .line .skeleton {
    inline-size: min(16em, 100%);
  }
  .countdown .skeleton {
    inline-size: min(9em, 60%);
  }
`;
