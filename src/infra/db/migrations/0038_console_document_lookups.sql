-- The console's document page and list (#19).
-- A webhook delivery names the document its event is about, so a document's deliveries are an index lookup rather
-- than a scan of the account's payloads. Deliveries made before this migration in Faturador's own format are read
-- back from their body (a vendor-format body is left alone: it is not necessarily JSON).
ALTER TABLE webhook_deliveries ADD COLUMN document_id bigint;
UPDATE webhook_deliveries d
   SET document_id = x.doc::bigint
  FROM (SELECT dd.id,
               CASE WHEN e.format = 'native' THEN dd.payload::jsonb #>> '{data,document,id}' END AS doc
          FROM webhook_deliveries dd
          JOIN webhook_endpoints e ON e.account_id = dd.account_id AND e.id = dd.endpoint_id) x
 WHERE x.id = d.id AND x.doc ~ '^[0-9]{1,18}$';
CREATE INDEX webhook_deliveries_document ON webhook_deliveries (account_id, document_id, id DESC)
  WHERE document_id IS NOT NULL;

-- The list's amount filter and sort (gross total), and its sort by customer name.
CREATE INDEX documents_gross_total ON documents (account_id, gross_total);
CREATE INDEX documents_customer_name ON documents (account_id, (customer->>'name'));
