/* global document */
// Variant pickers on product pages: the chosen options name a SKU (`data-sku-pattern`); the
// widget's `sku` attribute follows it, and the widget fetches that variant's promise.
for (const form of document.querySelectorAll('form.variant-picker')) {
  const button = document.querySelector('nearbuy-button');
  const photo = document.getElementById('product-photo');
  const skus = new Set(form.dataset.skus.split(/\s+/));
  const pattern = form.dataset.skuPattern;
  const groups = [...new Set([...form.querySelectorAll('input[type=radio]')].map((input) => input.name))];
  const skuFor = (values) => pattern.replace(/\{(\w+)\}/g, (_, name) => values[name] ?? '');
  const values = () => Object.fromEntries(groups.map((name) => [name, form.querySelector(`input[name="${name}"]:checked`)?.value]));

  const update = (changed) => {
    let chosen = values();
    if (!skus.has(skuFor(chosen))) {
      // A combination that does not exist (white in L): keep what was just picked, move the other choice.
      for (const name of groups.filter((g) => g !== changed)) {
        const fit = [...form.querySelectorAll(`input[name="${name}"]`)].find((input) =>
          skus.has(skuFor({ ...chosen, [name]: input.value })),
        );
        if (fit) {
          fit.checked = true;
          chosen = values();
          break;
        }
      }
    }
    for (const input of form.querySelectorAll('input[type=radio]')) {
      input.disabled = !skus.has(skuFor({ ...chosen, [input.name]: input.value }));
    }
    const sku = skuFor(chosen);
    if (button && skus.has(sku)) button.setAttribute('sku', sku);
    const withPhoto = form.querySelector('input[data-photo]:checked');
    if (photo && withPhoto) {
      photo.src = withPhoto.dataset.photo;
      photo.alt = withPhoto.dataset.alt ?? '';
    }
  };

  form.addEventListener('change', (event) => update(event.target.name));
  form.addEventListener('submit', (event) => event.preventDefault());
  update(groups[0]);
}
