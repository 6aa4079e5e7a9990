-- An archived product is no longer sold: it leaves the promise and checkout (the live catalog
-- skips it), while orders keep their own copy of what was bought. Archiving is undone by
-- clearing the column.
ALTER TABLE products ADD COLUMN archived_at timestamptz;
