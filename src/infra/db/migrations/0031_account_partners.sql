-- MagniFinance's partner programme (IPPN, #18): an account (the integrator's) creates accounts for the companies it
-- invoices for. A partner is a complete account of its own (keys, user, series, taxes) linked to the one parent that
-- created it; an account is the partner of at most one parent, and a parent has one partner per tax id.
ALTER TABLE accounts ADD COLUMN parent_account_id bigint REFERENCES accounts(id);
CREATE UNIQUE INDEX accounts_partner_tax_id ON accounts (parent_account_id, tax_id) WHERE parent_account_id IS NOT NULL;

-- The partner's access token as GetPartnerAccessTokens returns it again at every call: keys stay stored hashed, and
-- this key also keeps a copy sealed with the installation's secret key (AES-256-GCM, bound to the partner account,
-- its user and the key), as the password login's token does (0017). NULL on every other key.
ALTER TABLE api_keys ADD COLUMN partner_token_sealed text;
