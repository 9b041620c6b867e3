-- The participant ids an account registered on Peppol through its access point (#17: Billit's
-- POST|DELETE /v1/peppol/participants, the native POST|DELETE /v1/account/peppol/registration). The access point
-- publishes them in its SMP; this is the account's record of what it asked, shown with its Peppol settings.
CREATE TABLE peppol_registrations (
  account_id     bigint NOT NULL REFERENCES accounts(id),
  participant    text NOT NULL,
  document_types jsonb NOT NULL,
  registered_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, participant)
);
