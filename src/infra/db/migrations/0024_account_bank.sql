-- The seller's bank account (#16 §2): EN 16931 BT-84 (IBAN) and BT-86 (BIC) of a credit transfer, stated on
-- e-invoices. Validated and normalized by the application (ISO 13616 IBAN, ISO 9362 BIC); null when not set.
ALTER TABLE accounts ADD COLUMN iban text;
ALTER TABLE accounts ADD COLUMN bic text;
