-- Belgian sellers, the second fiscal regime (#16 §1). The account's country names the law it issues under:
-- PT (Portuguese certified software: chain, ATCUD, AT, SAF-T) or BE (Belgian VAT Code, EN 16931 e-invoices).
-- NOT VALID: an account created before with another country code keeps its row (it issued under the Portuguese
-- regime); every new or changed row is checked.
ALTER TABLE accounts ADD CONSTRAINT accounts_country_regime CHECK (country IN ('PT', 'BE')) NOT VALID;

-- The regime of an account is part of each document it issued (number text, signature, ATCUD, VAT categories):
-- once a document is finalized, the account's country never changes.
CREATE FUNCTION accounts_country_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM documents d WHERE d.account_id = OLD.id AND d.status <> 'draft') THEN
    RAISE EXCEPTION 'the country of account % cannot change from % to %: it has finalized documents', OLD.id,
      OLD.country, NEW.country USING ERRCODE = 'FA003';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER accounts_country_fixed BEFORE UPDATE OF country ON accounts
  FOR EACH ROW WHEN (NEW.country IS DISTINCT FROM OLD.country) EXECUTE FUNCTION accounts_country_fixed();

-- NOTE: EN 16931 BT-151 (line VAT category, UNCL5305 subset of BR-CL-18) and BT-121 (VATEX exemption reason code,
-- BR-CL-22). Set on the lines of a BE account; NULL on Portuguese lines, whose category follows from their SAF-T
-- tax code and M-exemption code. The reason text (BT-120) is the line's exemption_reason. Kept by the children guard
-- of finalized documents like every other column of a line.
ALTER TABLE document_lines
  ADD COLUMN vat_category text CHECK (vat_category IN ('S', 'Z', 'E', 'AE', 'K', 'G', 'O')),
  ADD COLUMN vatex_code text CHECK (vatex_code ~ '^VATEX-[A-Z]{2}-[A-Z0-9-]+$');

-- NOTE: Belgian structured communication (OGM/VCS, Febelfin standard): `+++ddd/dddd/ddddd+++`, 10 digits and their
-- mod-97 check (EN 16931 BT-83). Given on the draft or generated at finalize for a BE invoice; kept by the
-- finalized-row guard of 0002 like every column not listed as mutable there.
ALTER TABLE documents ADD COLUMN payment_reference text
  CHECK (payment_reference ~ '^\+\+\+[0-9]{3}/[0-9]{4}/[0-9]{5}\+\+\+$');

-- Dutch and German beside Portuguese, English and French: the languages of Belgian documents.
ALTER TABLE accounts DROP CONSTRAINT accounts_default_language_check;
ALTER TABLE accounts ADD CONSTRAINT accounts_default_language_check
  CHECK (default_language IN ('pt', 'en', 'fr', 'nl', 'de'));
ALTER TABLE contacts DROP CONSTRAINT contacts_language_check;
ALTER TABLE contacts ADD CONSTRAINT contacts_language_check CHECK (language IN ('pt', 'en', 'fr', 'nl', 'de'));
ALTER TABLE email_templates DROP CONSTRAINT email_templates_language_check;
ALTER TABLE email_templates ADD CONSTRAINT email_templates_language_check
  CHECK (language IN ('pt', 'en', 'fr', 'nl', 'de'));
