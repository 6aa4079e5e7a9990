/**
 * `npm run build:widget` generates custom-elements.json from the doc comments of the widget's
 * element classes (attributes, properties, events, parts, CSS custom properties). It is the
 * merchant-facing contract of the widget, so internals are left out: internal modules, and members
 * and attributes whose names start with `_` (Lit's internal reactive state) or that are private or
 * protected.
 */
const isInternal = (item) =>
  item.name?.startsWith('_') || item.name?.startsWith('#') || item.privacy === 'private' || item.privacy === 'protected';

function dropInternals() {
  return {
    name: 'nearbuy-drop-internals',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules ?? []) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.members) declaration.members = declaration.members.filter((member) => !isInternal(member));
          // Events dispatched as `new NearbuyXEvent(…)` are found without a name; the @fires tags name them.
          if (declaration.events) declaration.events = declaration.events.filter((event) => event.name);
          if (declaration.attributes)
            declaration.attributes = declaration.attributes.filter(
              (attribute) => !isInternal(attribute) && !attribute.fieldName?.startsWith('_'),
            );
        }
      }
    },
  };
}

export default {
  // The public surface only: the entries, the elements (and the base their attributes come from),
  // the events and the API error. The rest of widget/ is internal (widget/README.md says what is where).
  globs: [
    'widget/index.ts',
    'widget/nearbuy.ts',
    'widget/*/*.component.ts',
    'widget/button/button.ts',
    'widget/promise/promise.ts',
    'widget/internal/promise-element.ts',
    // NearbuyApiError, exported from widget/index.ts.
    'widget/internal/api.ts',
    'widget/events/*.ts',
  ],
  outdir: '.',
  litelement: true,
  // The analyzer would otherwise rewrite package.json on every build to add `"customElements"`
  // (already there); a shared file must not be rewritten by a build.
  packagejson: false,
  plugins: [dropInternals()],
};
