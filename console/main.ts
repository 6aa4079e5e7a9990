/** The console page's entry: defines the elements once. */
import { NbConsole } from './app.js';
import { NbSignIn } from './pages/sign-in.js';
import { NbOrders } from './pages/orders.js';
import { NbOrder } from './pages/order.js';
import { NbKeys } from './pages/keys.js';
import { NbStaff } from './pages/staff.js';
import { NbStock } from './pages/stock.js';
import { NbPlaces } from './pages/places.js';
import { NbProducts } from './pages/products.js';
import { NbDelivery } from './pages/delivery.js';
import { NbProductPicker } from './product-picker.js';

const elements: Array<[string, CustomElementConstructor]> = [
  ['nb-console', NbConsole],
  ['nb-sign-in', NbSignIn],
  ['nb-orders', NbOrders],
  ['nb-order', NbOrder],
  ['nb-keys', NbKeys],
  ['nb-staff', NbStaff],
  ['nb-stock', NbStock],
  ['nb-places', NbPlaces],
  ['nb-products', NbProducts],
  ['nb-delivery', NbDelivery],
  ['nb-product-picker', NbProductPicker],
];
for (const [tag, element] of elements) if (!customElements.get(tag)) customElements.define(tag, element);
