-- Buffers (docs/simulation.md, "Buffers"): a merchant's own choice of how much slower promises
-- are made so that they are kept (handling factor per node kind, earlier cut-offs per service,
-- slack days per service and season, peak season). NULL: the defaults the simulator chose.
ALTER TABLE merchants ADD COLUMN delivery_buffers jsonb;
