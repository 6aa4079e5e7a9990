-- The merchant console (docs/ARCHITECTURE.md, "The console"): people who sign in to run a
-- merchant, their one-time codes, their sessions and the record of every change they make.

CREATE TABLE console_users (
  id           text PRIMARY KEY,
  merchant_id  text NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
  -- One person, one merchant: an email signs in to exactly one console.
  email        text NOT NULL UNIQUE,
  name         text NOT NULL,
  role         text NOT NULL CHECK (role IN ('owner', 'staff')),
  -- Staff only: the places whose orders and stock they see; empty means every place.
  node_ids     jsonb NOT NULL DEFAULT '[]',
  invited_by   text REFERENCES console_users (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  -- Removed staff keep their rows, so the audit log still names them.
  removed_at   timestamptz
);
CREATE INDEX console_users_by_merchant ON console_users (merchant_id);

-- One pending code per email. `signup` holds the sign-up form until the code proves the
-- address, so nobody can create a merchant in someone else's name.
CREATE TABLE console_codes (
  email       text PRIMARY KEY,
  code_hash   text NOT NULL,
  salt        text NOT NULL,
  attempts    integer NOT NULL DEFAULT 0,
  signup      jsonb,
  expires_at  timestamptz NOT NULL,
  created_at  timestamptz NOT NULL
);

-- Sessions are looked up by the sha256 of the cookie's value: a database leak signs nobody in.
CREATE TABLE console_sessions (
  token_hash  text PRIMARY KEY,
  user_id     text NOT NULL REFERENCES console_users (id) ON DELETE CASCADE,
  csrf_token  text NOT NULL,
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  revoked_at  timestamptz
);
CREATE INDEX console_sessions_by_user ON console_sessions (user_id);

CREATE TABLE console_audit (
  seq          bigserial PRIMARY KEY,
  merchant_id  text NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
  user_id      text NOT NULL REFERENCES console_users (id),
  action       text NOT NULL,
  subject      text,
  details      jsonb NOT NULL DEFAULT '{}',
  at           timestamptz NOT NULL
);
CREATE INDEX console_audit_by_merchant ON console_audit (merchant_id, seq DESC);
