-- What an API key may do (#12): admin ⊇ issue ⊇ read. Every key that existed before keeps what it could do
-- (admin). The default stays admin for the inserts that name no scope (the account's first key, the bootstrap
-- key); the application names the scope of every key it creates.
ALTER TABLE api_keys ADD COLUMN scope text NOT NULL DEFAULT 'admin' CONSTRAINT api_keys_scope CHECK (scope IN ('admin', 'issue', 'read'));
-- Counting an account's active admin keys (the last one cannot be revoked).
CREATE INDEX api_keys_account_admin ON api_keys (account_id) WHERE scope = 'admin' AND revoked_at IS NULL;
