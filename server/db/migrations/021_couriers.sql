-- Same-day parcels go to a courier behind the CourierProvider port: one delivery per parcel
-- and attempt, and the status events the courier reported, applied once each in order.

CREATE TABLE courier_deliveries (
  id            text PRIMARY KEY,
  order_id      text NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  node_id       text NOT NULL,
  merchant_id   text NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
  provider      text NOT NULL,
  -- The provider's own id for the delivery.
  external_id   text NOT NULL,
  status        text NOT NULL CHECK (status IN ('requested', 'assigned', 'picked_up', 'en_route', 'delivered', 'failed', 'cancelled')),
  -- What was asked of the courier (pickup and drop-off places and deadlines), as sent.
  request       jsonb NOT NULL,
  tracking_url  text,
  -- { "name", "vehicle" } once a courier is assigned.
  courier       jsonb,
  pickup_eta    timestamptz,
  dropoff_eta   timestamptz,
  fee_minor     bigint,
  -- Polling leases, so that several processes share the work without applying an event twice.
  locked_until  timestamptz,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL
);
CREATE INDEX courier_deliveries_active ON courier_deliveries (created_at) WHERE status NOT IN ('delivered', 'failed', 'cancelled');
CREATE INDEX courier_deliveries_by_order ON courier_deliveries (order_id, created_at);

CREATE TABLE courier_events (
  delivery_id  text NOT NULL REFERENCES courier_deliveries (id) ON DELETE CASCADE,
  seq          integer NOT NULL,
  kind         text NOT NULL,
  at           timestamptz NOT NULL,
  detail       jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (delivery_id, seq)
);
