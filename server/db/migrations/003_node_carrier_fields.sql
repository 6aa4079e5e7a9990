-- How a node's parcels meet the carriers (docs/promise-model.md, "How parcels travel"): the
-- carrier's daily pickup time, the next-day air cut-off, whether the merchant buys Saturday
-- delivery, and dates a service does not run from the node ({"same_day": ["2026-11-26"]}).
ALTER TABLE nodes
  ADD COLUMN carrier_pickup text CHECK (carrier_pickup ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  ADD COLUMN air_cutoff text CHECK (air_cutoff ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  ADD COLUMN saturday_delivery boolean NOT NULL DEFAULT false,
  ADD COLUMN service_closed_dates jsonb NOT NULL DEFAULT '{}'::jsonb;
