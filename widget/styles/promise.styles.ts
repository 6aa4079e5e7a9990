import { css } from '../internal/element.js';

/** The promise line and countdown, shared by `<nearbuy-button>` and `<nearbuy-promise>`. The
 * promise is never clipped: it wraps before the day and window (`formatWindow` keeps those on one
 * line), and where the element is narrow the line reserves two line boxes in every state, so
 * nothing moves when the data arrives. */
export const promiseStyles = css`
  .promise {
    display: grid;
    gap: 0.125em;
    container-type: inline-size;
  }
  .line,
  .countdown {
    margin: 0;
    min-block-size: 1.4em;
  }
  .line {
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
  @container (max-width: 26em) {
    .line {
      min-block-size: 2.8em;
    }
  }
`;
