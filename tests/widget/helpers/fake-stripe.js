/* global window, document */
// A fake Stripe.js, served in place of https://js.stripe.com/endive/stripe.js in the tests. Same
// surface as the parts the widget uses: Stripe(pk) → elements({clientSecret}) → create('payment')
// → mount(element); confirmPayment({elements, redirect}). The "Payment Element" is a plain card
// input; 4000 0000 0000 0002 is declined, anything else succeeds. What the widget asked for is
// kept on `window.__fakeStripe` (the options of `elements()` and of `create()`) for assertions.
(function () {
  function Stripe(publishableKey) {
    var mountedInput = null;
    return {
      _publishableKey: publishableKey,
      elements: function (options) {
        window.__fakeStripe = { elementsOptions: options, createOptions: null };
        return {
          _options: options,
          create: function (type, createOptions) {
            var container = null;
            window.__fakeStripe.createOptions = createOptions === undefined ? null : createOptions;
            return {
              mount: function (target) {
                container = typeof target === 'string' ? document.querySelector(target) : target;
                var label = document.createElement('label');
                label.textContent = 'Card number';
                mountedInput = document.createElement('input');
                mountedInput.name = 'fake-stripe-card';
                mountedInput.setAttribute('data-fake-stripe', type);
                label.appendChild(mountedInput);
                container.appendChild(label);
              },
              destroy: function () {
                if (container) container.textContent = '';
              },
            };
          },
        };
      },
      confirmPayment: function () {
        var card = mountedInput ? mountedInput.value.replace(/\s/g, '') : '';
        if (card === '4000000000000002') {
          return Promise.resolve({ error: { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' } });
        }
        return Promise.resolve({ paymentIntent: { id: 'pi_1', status: 'succeeded' } });
      },
    };
  }
  Stripe.version = 'endive';
  window.Stripe = Stripe;
})();
