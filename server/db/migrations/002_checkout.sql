-- Checkout: sessions that hold stock through reservations, payments, orders, idempotency keys,
-- processed webhook events, and members with one-time sign-in codes.

CREATE TABLE checkout_sessions (
  id                 text PRIMARY KEY,
  merchant_id        text NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
  -- open: stock held, awaiting payment; completed: order placed; expired: hold lapsed, stock
  -- released; cancelled: payment failed or was cancelled, stock released.
  status             text NOT NULL CHECK (status IN ('open', 'completed', 'expired', 'cancelled')),
  email              text NOT NULL,
  member             boolean NOT NULL DEFAULT false,
  address            jsonb NOT NULL,
  -- Line items with the server's prices: [{ sku, title, quantity, unitPrice, lineTotal }].
  items              jsonb NOT NULL,
  service            text NOT NULL,
  -- The delivery option the shopper chose, as the engine computed it at reservation.
  option             jsonb NOT NULL,
  currency           char(3) NOT NULL,
  subtotal_minor     bigint NOT NULL CHECK (subtotal_minor >= 0),
  shipping_minor     bigint NOT NULL CHECK (shipping_minor >= 0),
  total_minor        bigint NOT NULL CHECK (total_minor = subtotal_minor + shipping_minor),
  payment_provider   text NOT NULL CHECK (payment_provider IN ('stripe', 'test')),
  -- Stripe's PaymentIntent id; null until created (and for the test provider).
  payment_ref        text UNIQUE,
  payment_secret     text,
  failure_reason     text,
  expires_at         timestamptz NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX checkout_sessions_open_by_expiry ON checkout_sessions (expires_at) WHERE status = 'open';

-- The only writer of inventory_levels.reserved: a held reservation adds its quantity, and
-- committing or releasing it takes the quantity away again, in the same transaction.
CREATE TABLE reservations (
  session_id   text NOT NULL REFERENCES checkout_sessions (id) ON DELETE CASCADE,
  merchant_id  text NOT NULL,
  node_id      text NOT NULL,
  sku          text NOT NULL,
  quantity     integer NOT NULL CHECK (quantity > 0),
  -- held: counted in reserved; committed: taken from on_hand by an order; released: let go
  -- unpaid; returned: an order was cancelled and the units went back on hand.
  status       text NOT NULL CHECK (status IN ('held', 'committed', 'released', 'returned')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, node_id, sku)
);
CREATE INDEX reservations_held ON reservations (merchant_id, node_id, sku) WHERE status = 'held';

CREATE TABLE orders (
  id                 text PRIMARY KEY,
  merchant_id        text NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
  session_id         text NOT NULL UNIQUE REFERENCES checkout_sessions (id),
  -- sha256 of the order's access token (hex): the token itself is given to the shopper once.
  access_token_hash  text NOT NULL,
  status             text NOT NULL CHECK (status IN ('placed', 'picked_up', 'out_for_delivery', 'delivered', 'cancelled')),
  email              text NOT NULL,
  address            jsonb NOT NULL,
  items              jsonb NOT NULL,
  service            text NOT NULL,
  shipments          jsonb NOT NULL,
  window_start       text NOT NULL,
  window_end         text NOT NULL,
  currency           char(3) NOT NULL,
  subtotal_minor     bigint NOT NULL,
  shipping_minor     bigint NOT NULL,
  total_minor        bigint NOT NULL,
  payment_provider   text NOT NULL,
  payment_ref        text,
  placed_at          timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_by_merchant ON orders (merchant_id, placed_at DESC);

CREATE TABLE order_events (
  order_id  text NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  status    text NOT NULL,
  at        timestamptz NOT NULL DEFAULT now(),
  -- Ties on `at` (one clock tick) still list in the order they happened.
  seq       bigserial NOT NULL,
  PRIMARY KEY (order_id, status)
);

-- IETF Idempotency-Key: one row per (merchant, key); the first request owns it while in flight.
CREATE TABLE idempotency_keys (
  merchant_id      text NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
  key              text NOT NULL,
  request_hash     text NOT NULL,
  state            text NOT NULL CHECK (state IN ('in_flight', 'done')),
  response_status  integer,
  response_body    jsonb,
  locked_until     timestamptz NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (merchant_id, key)
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);

-- Webhook events already applied, so a redelivered event is applied once.
CREATE TABLE payment_events (
  event_id      text PRIMARY KEY,
  type          text NOT NULL,
  processed_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE members (
  merchant_id  text NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
  email        text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (merchant_id, email)
);

CREATE TABLE member_codes (
  merchant_id  text NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
  email        text NOT NULL,
  -- sha256 of the six-digit code with the email and a per-row salt.
  code_hash    text NOT NULL,
  salt         text NOT NULL,
  attempts     integer NOT NULL DEFAULT 0,
  expires_at   timestamptz NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (merchant_id, email)
);

-- Secrets the server generates itself and every process must share (the member-token key).
CREATE TABLE server_secrets (
  name        text PRIMARY KEY,
  value       text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
