-- Shopper email, written in the same transaction as the change it tells of and sent by a worker
-- in each process, so that a crash between the order and the email loses nothing.

CREATE TABLE mail_outbox (
  id               bigserial PRIMARY KEY,
  merchant_id      text NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
  order_id         text,
  kind             text NOT NULL,
  recipient        text NOT NULL,
  locale           text NOT NULL,
  -- What the template needs, as it was when the change happened.
  data             jsonb NOT NULL,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL,
  locked_until     timestamptz,
  last_error       text,
  message_id       text,
  sent_at          timestamptz,
  created_at       timestamptz NOT NULL
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX mail_outbox_by_order ON mail_outbox (order_id, id) WHERE status = 'pending';
