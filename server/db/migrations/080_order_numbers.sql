-- Short, readable order numbers for people (issue 15): "NB-7K4Q-2M", unique per merchant, made
-- in the order's own transaction (server/orders/order-number.ts). The id stays the key the API
-- and the access tokens use. Orders placed before this migration get a number derived from
-- their id's hash, in the same alphabet (hex 0 and 1, which read like O and I, become W and X).
ALTER TABLE orders ADD COLUMN number text;
UPDATE orders SET number = 'NB-' || translate(upper(substr(md5(id), 1, 4)), '01', 'WX') || '-'
  || translate(upper(substr(md5(id), 5, 2)), '01', 'WX');
ALTER TABLE orders ALTER COLUMN number SET NOT NULL;
CREATE UNIQUE INDEX orders_number_per_merchant ON orders (merchant_id, number);
