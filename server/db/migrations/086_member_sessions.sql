-- Member sign-ins that outlive a page (issue 15): each signed member token names a session here,
-- so that a sign-out, a merchant ending the membership or signing the member out everywhere can
-- revoke it before it expires. Tokens are checked without the database: every process keeps the
-- revoked, unexpired session ids in memory (server/members/sessions.ts), told of new revocations
-- by change notices (docs/ARCHITECTURE.md, "Members").
CREATE TABLE member_sessions (
  id           text PRIMARY KEY,
  merchant_id  text NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
  email        text NOT NULL,
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz
);
CREATE INDEX member_sessions_by_member ON member_sessions (merchant_id, email) WHERE revoked_at IS NULL;
CREATE INDEX member_sessions_revoked ON member_sessions (expires_at) WHERE revoked_at IS NOT NULL;
