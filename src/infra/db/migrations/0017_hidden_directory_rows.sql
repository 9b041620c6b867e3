-- Archived (hidden) directory rows (#14): contacts, items and the per-account catalogs can be archived instead of
-- deleted. An archived row stays usable by id on documents and is still listed (with its flag); a list filter
-- shows only archived or only active rows. bill.pt reads and writes it as `visivel` (inverted).
ALTER TABLE contacts ADD COLUMN archived boolean NOT NULL DEFAULT false;
ALTER TABLE items ADD COLUMN archived boolean NOT NULL DEFAULT false;
ALTER TABLE units ADD COLUMN archived boolean NOT NULL DEFAULT false;
ALTER TABLE payment_methods ADD COLUMN archived boolean NOT NULL DEFAULT false;
ALTER TABLE shipping_methods ADD COLUMN archived boolean NOT NULL DEFAULT false;
ALTER TABLE vehicles ADD COLUMN archived boolean NOT NULL DEFAULT false;
ALTER TABLE document_states ADD COLUMN archived boolean NOT NULL DEFAULT false;
ALTER TABLE contact_types ADD COLUMN archived boolean NOT NULL DEFAULT false;
ALTER TABLE item_categories ADD COLUMN archived boolean NOT NULL DEFAULT false;

-- The password login's one token (#14 item 8): a login returns the user's same key every time. Keys are stored
-- hashed; the login key also keeps a copy sealed with the installation's secret key (AES-256-GCM, bound to the
-- key's user), so the next login can return it. NULL for every key created explicitly (CLI, native API).
ALTER TABLE api_keys ADD COLUMN login_token_sealed text;
CREATE INDEX api_keys_user_login ON api_keys (user_id) WHERE login_token_sealed IS NOT NULL AND revoked_at IS NULL;
