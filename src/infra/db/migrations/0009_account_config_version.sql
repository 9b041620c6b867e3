-- What an API process may cache of an account (the account row, its stores, series, taxes, units and active
-- signing key) is valid while this token is unchanged. Every write to those rows replaces it, in the writer's
-- transaction, so any process sees the new token with the first read after commit (the API-key lookup reads it)
-- and reloads. Random, not a counter: a token names one state of one account in one database.
ALTER TABLE accounts ADD COLUMN config_version uuid NOT NULL DEFAULT gen_random_uuid();

CREATE FUNCTION accounts_config_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.config_version IS NOT DISTINCT FROM OLD.config_version THEN
    NEW.config_version := gen_random_uuid();
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER accounts_config_version BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION accounts_config_version();

CREATE FUNCTION bump_account_config_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE accounts SET config_version = gen_random_uuid()
   WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.account_id ELSE NEW.account_id END;
  RETURN NULL;
END $$;
CREATE TRIGGER stores_config_version AFTER INSERT OR UPDATE OR DELETE ON stores FOR EACH ROW EXECUTE FUNCTION bump_account_config_version();
CREATE TRIGGER series_config_version AFTER INSERT OR UPDATE OR DELETE ON series FOR EACH ROW EXECUTE FUNCTION bump_account_config_version();
CREATE TRIGGER taxes_config_version AFTER INSERT OR UPDATE OR DELETE ON taxes FOR EACH ROW EXECUTE FUNCTION bump_account_config_version();
CREATE TRIGGER units_config_version AFTER INSERT OR UPDATE OR DELETE ON units FOR EACH ROW EXECUTE FUNCTION bump_account_config_version();
CREATE TRIGGER signing_keys_config_version AFTER INSERT OR UPDATE OR DELETE ON signing_keys FOR EACH ROW EXECUTE FUNCTION bump_account_config_version();
