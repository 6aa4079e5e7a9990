-- Fulfilment: each order's parcels (one per place that sends part of it, the rows of that
-- place's pick list), the statuses a parcel passes through before it is picked up, the times an
-- order was really ready, picked up and delivered (the promise's kept-rate history), a window
-- revised by a delay, the carrier's tracking number, and the shopper's locale for email.

ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check
  CHECK (status IN ('placed', 'ready', 'picked_up', 'out_for_delivery', 'delivered', 'delivery_failed', 'cancelled'));

ALTER TABLE orders
  ADD COLUMN locale text NOT NULL DEFAULT 'en',
  ADD COLUMN ready_at timestamptz,
  ADD COLUMN picked_up_at timestamptz,
  ADD COLUMN delivered_at timestamptz,
  -- A delay moves the expected window; the promised one stays as it was for the kept-rate.
  ADD COLUMN revised_window_start text,
  ADD COLUMN revised_window_end text,
  ADD COLUMN tracking_carrier text,
  ADD COLUMN tracking_number text,
  ADD COLUMN tracking_url text,
  ADD COLUMN cancel_reason text,
  ADD COLUMN refunded_at timestamptz;

ALTER TABLE checkout_sessions ADD COLUMN locale text NOT NULL DEFAULT 'en';

-- A status may now be reached twice (a failed delivery goes back to ready and out again).
ALTER TABLE order_events DROP CONSTRAINT order_events_pkey;
ALTER TABLE order_events ADD PRIMARY KEY (order_id, seq);

CREATE TABLE parcels (
  order_id      text NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  node_id       text NOT NULL,
  merchant_id   text NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
  -- The order statuses a parcel passes through; the order moves when all its parcels have.
  status        text NOT NULL CHECK (status IN ('placed', 'ready', 'picked_up', 'out_for_delivery', 'delivered', 'delivery_failed', 'cancelled')),
  -- [{ "sku", "title", "quantity", "picked" }]
  lines         jsonb NOT NULL,
  -- The handover the promise assumed: the cut-off the order beat plus the place's handling time.
  ready_by      timestamptz NOT NULL,
  ready_at      timestamptz,
  picked_up_at  timestamptz,
  delivered_at  timestamptz,
  -- [{ "sku", "missing", "at", "outcome" }]: what staff did not find on the shelf.
  shortages     jsonb NOT NULL DEFAULT '[]',
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (order_id, node_id)
);
CREATE INDEX parcels_pick_list ON parcels (merchant_id, node_id, ready_by) WHERE status IN ('placed', 'ready');

-- Orders placed before this migration get their parcels from their shipments.
INSERT INTO parcels (order_id, node_id, merchant_id, status, lines, ready_by, created_at)
SELECT o.id, s.value->>'nodeId', o.merchant_id,
       o.status,
       (SELECT jsonb_agg(jsonb_build_object('sku', i.value->>'sku', 'title', i.value->>'sku', 'quantity', (i.value->>'quantity')::int, 'picked', 0))
          FROM jsonb_array_elements(s.value->'items') AS i),
       o.placed_at, o.placed_at
  FROM orders o, jsonb_array_elements(o.shipments) AS s;
