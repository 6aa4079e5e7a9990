-- A checkout's Idempotency-Key records the session it made in the session's own transaction,
-- so a retry after a crash resumes that session instead of holding the stock a second time.
-- `owner` is a token per attempt: only the attempt that holds the key may attach a session.
ALTER TABLE idempotency_keys ADD COLUMN owner text;
ALTER TABLE idempotency_keys ADD COLUMN session_id text;
