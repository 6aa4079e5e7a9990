-- Capacity per node, service and local day (docs/promise-model.md, "Capacity"): how many orders a
-- node can hand over on a service a day ({"same_day": 40}); a service left out is unlimited.
ALTER TABLE nodes ADD COLUMN capacities jsonb NOT NULL DEFAULT '{}'::jsonb;

-- Orders taken per (node, service, the node's local pick date). Written only by
-- server/capacity/capacity.repository.ts, and only for services that have a capacity.
CREATE TABLE capacity_usage (
  merchant_id  text NOT NULL,
  node_id      text NOT NULL,
  service      text NOT NULL,
  day          date NOT NULL,
  used         integer NOT NULL CHECK (used >= 0),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (merchant_id, node_id, service, day),
  FOREIGN KEY (merchant_id, node_id) REFERENCES nodes (merchant_id, id) ON DELETE CASCADE
);

-- What each checkout session took, so that a release gives it back exactly once.
CREATE TABLE capacity_holds (
  session_id   text NOT NULL REFERENCES checkout_sessions (id) ON DELETE CASCADE,
  merchant_id  text NOT NULL,
  node_id      text NOT NULL,
  service      text NOT NULL,
  day          date NOT NULL,
  status       text NOT NULL CHECK (status IN ('held', 'released', 'committed')),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, node_id)
);
