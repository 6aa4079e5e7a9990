/**
 * Step 1 of a checkout: price the cart from the server's own catalog. The browser sends SKUs and
 * quantities, never a price.
 */
import type { CartItem, LineItem } from '../../contract/public.js';
import { ApiError } from '../errors.js';
import type { Merchant } from '../merchants/merchant.js';
import type { PromiseItem } from '../promise/index.js';
import type { PromiseService } from '../promise-service/plugin.js';

export interface PricedCart {
  items: LineItem[];
  /** The same items as the engine reads them. */
  engineItems: PromiseItem[];
  subtotal: number;
  skus: string[];
}

export function priceCart(promises: PromiseService, merchant: Merchant, cart: CartItem[]): PricedCart {
  const lines = cart.map((item) => {
    const product = promises.product(merchant, item.sku);
    if (product.currency !== merchant.currency) {
      throw new ApiError('unprocessable', `Product ${item.sku} is priced in ${product.currency}, not the shop's ${merchant.currency}`);
    }
    return { product, quantity: item.quantity };
  });
  const items: LineItem[] = lines.map(({ product, quantity }) => ({
    sku: product.sku,
    title: product.title,
    quantity,
    unitPrice: { amount: product.priceMinor, currency: product.currency },
    lineTotal: { amount: product.priceMinor * quantity, currency: product.currency },
  }));
  return {
    items,
    engineItems: promises.items(lines),
    subtotal: items.reduce((sum, i) => sum + i.lineTotal.amount, 0),
    skus: items.map((i) => i.sku),
  };
}
