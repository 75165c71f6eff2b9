-- Uploaded files and their preview hold personal data (phones, e-mails, ID numbers): both are now
-- stored encrypted like the customer's own fields (docs/privacy.md). An encrypted preview is about
-- twice as long as the plain JSON.
ALTER TABLE import_job ALTER COLUMN sample SET DATA TYPE VARCHAR(60000);
