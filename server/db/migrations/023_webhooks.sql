-- Merchant webhooks (Standard Webhooks): endpoints with their signing secrets, the outbox of
-- events (written in the transaction of the change), one delivery per event and endpoint with
-- its retry schedule, and the log of every attempt. Deliveries for one order go one at a time,
-- in the order the events happened.

CREATE TABLE webhook_endpoints (
  id                          text PRIMARY KEY,
  merchant_id                 text NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
  url                         text NOT NULL,
  description                 text NOT NULL DEFAULT '',
  -- Empty: every event type.
  event_types                 text[] NOT NULL DEFAULT '{}',
  enabled                     boolean NOT NULL DEFAULT true,
  -- whsec_…: must be kept (not hashed) to sign with.
  secret                      text NOT NULL,
  -- After a rotation the old secret signs too until it expires, so receivers can switch over.
  previous_secret             text,
  previous_secret_expires_at  timestamptz,
  created_at                  timestamptz NOT NULL,
  updated_at                  timestamptz NOT NULL
);
CREATE INDEX webhook_endpoints_by_merchant ON webhook_endpoints (merchant_id, created_at);

CREATE TABLE webhook_events (
  id           text PRIMARY KEY,
  merchant_id  text NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
  type         text NOT NULL,
  order_id     text,
  -- The body sent: { "type", "timestamp", "data" }.
  payload      jsonb NOT NULL,
  created_at   timestamptz NOT NULL,
  seq          bigserial NOT NULL UNIQUE
);
CREATE INDEX webhook_events_by_merchant ON webhook_events (merchant_id, seq DESC);

CREATE TABLE webhook_deliveries (
  event_id         text NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
  endpoint_id      text NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  -- Deliveries with the same key (the order) to one endpoint go one at a time, by seq.
  ordering_key     text,
  seq              bigint NOT NULL,
  status           text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL,
  locked_until     timestamptz,
  last_status      integer,
  last_error       text,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  PRIMARY KEY (event_id, endpoint_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_in_order ON webhook_deliveries (endpoint_id, ordering_key, seq) WHERE status = 'pending';

CREATE TABLE webhook_attempts (
  id                bigserial PRIMARY KEY,
  event_id          text NOT NULL,
  endpoint_id       text NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  attempt           integer NOT NULL,
  attempted_at      timestamptz NOT NULL,
  -- Null when no answer came (refused, timed out).
  status_code       integer,
  duration_ms       integer NOT NULL,
  error             text,
  response_excerpt  text
);
CREATE INDEX webhook_attempts_by_endpoint ON webhook_attempts (endpoint_id, id DESC);

-- Which (node, SKU) levels are already reported low, so stock.low fires once per dip.
CREATE TABLE stock_alerts (
  merchant_id  text NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
  node_id      text NOT NULL,
  sku          text NOT NULL,
  low          boolean NOT NULL,
  updated_at   timestamptz NOT NULL,
  PRIMARY KEY (merchant_id, node_id, sku)
);
