-- A promise is kept at payment too (docs/promise-model.md): what a merchant wants when a payment
-- lands after its option's order-by and the window can no longer be made: take the current
-- window and tell the shopper ('re_promise'), or refund ('refund').
ALTER TABLE merchants
  ADD COLUMN late_payment text NOT NULL DEFAULT 're_promise' CHECK (late_payment IN ('re_promise', 'refund'));

-- The window the shopper was shown, and why the order has another one: set only when a late
-- payment was re-promised ({"previousWindow": {...}, "reason": "..."}).
ALTER TABLE orders ADD COLUMN promise_change jsonb;
