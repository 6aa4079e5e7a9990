import { css } from '../internal/element.js';

/**
 * Tier one, the system tokens a merchant sets once (`--nearbuy-color-primary`, …), resolved here
 * into private variables with a light and a dark default (`light-dark()`, chosen by the `theme`
 * attribute through `color-scheme`). Tier two, component tokens (`--nearbuy-button-background`,
 * …), default to these in each component's styles.
 *
 * Text on the brand colour defaults to white or black, whichever reads on it (the colour's
 * OKLCH lightness against 0.6); links take the brand's hue at a lightness that reads on the
 * surface (at most 0.5 in light, at least 0.78 in dark). A merchant's own
 * `--nearbuy-color-on-primary` / `--nearbuy-link-color` still win. The focus ring takes the link colour.
 *
 * A page's text settings reach the element itself (its rules beat `:host` ones, `!important`
 * too) and the shadow tree would inherit them, so a page with `* { line-height: 3 !important }`
 * would restyle the widget. Only the font family (and size, which scales the whole widget in em)
 * comes through: line height, letter spacing and case are set on every element of the shadow
 * tree, where no page rule can reach (docs/ARCHITECTURE.md, "Widget").
 */
export const tokens = css`
  :host {
    color-scheme: light;
    --_primary: var(--nearbuy-color-primary, light-dark(#0b6e4f, #5fd4a0));
    --_on-primary: var(--nearbuy-color-on-primary, oklch(from var(--_primary) clamp(0, (0.6 - l) * 99, 1) 0 0));
    --_link: light-dark(oklch(from var(--_primary) min(l, 0.5) c h), oklch(from var(--_primary) max(l, 0.78) c h));
    --_surface: var(--nearbuy-color-surface, light-dark(#fff, #1c1f1e));
    --_on-surface: var(--nearbuy-color-on-surface, light-dark(#1b1f1d, #eef2f0));
    --_muted: var(--nearbuy-color-muted, light-dark(#4d5652, #b8c2bd));
    --_accent: var(--nearbuy-color-accent, light-dark(#0b6e4f, #7be0b2));
    --_danger: var(--nearbuy-color-danger, light-dark(#b3261e, #ffb4ab));
    --_outline: var(--nearbuy-color-outline, light-dark(#8a9590, #5b6560));
    --_skeleton: var(--nearbuy-color-skeleton, light-dark(#e3e8e5, #353b38));
    --_radius: var(--nearbuy-radius, 8px);
    --_font: var(--nearbuy-font-family, inherit);
    --_focus: var(--nearbuy-focus-ring, 2px solid var(--_link));
    font-family: var(--_font);
    color: var(--_on-surface);
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([theme='auto']) {
    color-scheme: light dark;
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
    line-height: 1.4;
    letter-spacing: 0;
    text-transform: none;
  }
  button,
  input {
    font: inherit;
    color: inherit;
  }
  :focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .skeleton {
    display: inline-block;
    block-size: 0.9em;
    vertical-align: middle;
    border-radius: 4px;
    background: var(--_skeleton);
  }
  @media (prefers-reduced-motion: no-preference) {
    .skeleton {
      animation: nearbuy-pulse 1.2s ease-in-out infinite alternate;
    }
  }
  @keyframes nearbuy-pulse {
    to {
      opacity: 0.55;
    }
  }
`;
