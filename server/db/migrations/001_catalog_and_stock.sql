-- Merchants, their products, the nodes that hold stock, and stock levels per (node, SKU).
-- Reservations, checkout sessions and orders come in a later migration; they will reference
-- inventory_levels by (merchant_id, node_id, sku) and change `reserved` only through reservations.

CREATE TABLE merchants (
  id                text PRIMARY KEY,
  name              text NOT NULL,
  publishable_key   text NOT NULL UNIQUE,
  -- sha256 of the secret key (hex); the key itself is shown once and never stored.
  secret_key_hash   text NOT NULL UNIQUE,
  allowed_origins   text[] NOT NULL DEFAULT '{}',
  currency          char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  fee_policy        jsonb NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE products (
  merchant_id             text NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
  sku                     text NOT NULL,
  title                   text NOT NULL,
  price_minor             bigint NOT NULL CHECK (price_minor >= 0),
  currency                char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  image_url               text,
  fast_delivery_eligible  boolean NOT NULL DEFAULT true,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (merchant_id, sku)
);

CREATE TABLE nodes (
  merchant_id       text NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
  id                text NOT NULL,
  name              text NOT NULL,
  kind              text NOT NULL CHECK (kind IN ('fulfillment_center', 'delivery_station', 'mall_store', 'local_store')),
  lat               double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lng               double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
  time_zone         text NOT NULL,
  handling_minutes  integer NOT NULL CHECK (handling_minutes BETWEEN 0 AND 10080),
  -- { "closedWeekdays": [7], "closedDates": ["2026-12-25"] }
  calendar          jsonb NOT NULL DEFAULT '{"closedWeekdays": [], "closedDates": []}',
  -- { "same_day": "14:00", "next_day": "17:00" }: a node offers only services listed here.
  cutoffs           jsonb NOT NULL DEFAULT '{}',
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (merchant_id, id)
);

CREATE TABLE inventory_levels (
  merchant_id  text NOT NULL,
  node_id      text NOT NULL,
  sku          text NOT NULL,
  on_hand      integer NOT NULL CHECK (on_hand >= 0),
  -- Available (on_hand - reserved) is derived, never stored.
  reserved     integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (merchant_id, node_id, sku),
  CONSTRAINT inventory_reserved_within_on_hand CHECK (reserved <= on_hand),
  FOREIGN KEY (merchant_id, node_id) REFERENCES nodes (merchant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (merchant_id, sku) REFERENCES products (merchant_id, sku) ON DELETE CASCADE
);

-- The inventory view per SKU and the per-SKU reload after a change read by (merchant, sku).
CREATE INDEX inventory_levels_by_sku ON inventory_levels (merchant_id, sku);
