-- Personal data encrypted at rest (docs/privacy.md, ADR 0007): phone, email, identity number and
-- street hold AES-GCM ciphertext ("g1:<key id>:<base64>"), wider than the plaintext; exact lookups
-- go through keyed hashes of the normalised values instead of indexes on the values. pii_key and
-- pii_index_key name the keys a row was written with (NULL: written before encryption, still
-- plaintext until the start-up pass encrypts it).
ALTER TABLE customer ALTER COLUMN phone SET DATA TYPE VARCHAR(200);
ALTER TABLE customer ALTER COLUMN email SET DATA TYPE VARCHAR(600);
ALTER TABLE customer ALTER COLUMN id_number SET DATA TYPE VARCHAR(300);
ALTER TABLE customer ALTER COLUMN street SET DATA TYPE VARCHAR(1800);
ALTER TABLE customer ADD COLUMN phone_hash VARCHAR(24);
ALTER TABLE customer ADD COLUMN email_hash VARCHAR(24);
ALTER TABLE customer ADD COLUMN id_number_hash VARCHAR(24);
ALTER TABLE customer ADD COLUMN pii_key VARCHAR(32);
ALTER TABLE customer ADD COLUMN pii_index_key VARCHAR(32);
DROP INDEX IF EXISTS customer_phone_idx;
DROP INDEX IF EXISTS customer_email_idx;
DROP INDEX IF EXISTS customer_id_number_idx;
CREATE INDEX customer_phone_hash_idx ON customer (phone_hash);
CREATE INDEX customer_email_hash_idx ON customer (email_hash);
CREATE INDEX customer_id_number_hash_idx ON customer (id_number_hash);

ALTER TABLE customer_contact ALTER COLUMN phone SET DATA TYPE VARCHAR(200);
ALTER TABLE customer_contact ALTER COLUMN email SET DATA TYPE VARCHAR(600);
ALTER TABLE customer_contact ADD COLUMN phone_hash VARCHAR(24);
ALTER TABLE customer_contact ADD COLUMN email_hash VARCHAR(24);
ALTER TABLE customer_contact ADD COLUMN pii_key VARCHAR(32);
ALTER TABLE customer_contact ADD COLUMN pii_index_key VARCHAR(32);
DROP INDEX IF EXISTS customer_contact_phone_idx;
CREATE INDEX customer_contact_phone_hash_idx ON customer_contact (phone_hash);

-- A merge keeps the survivor as it was (JSON, for the undo): encrypted as one value.
ALTER TABLE customer_merge ALTER COLUMN survivor_before SET DATA TYPE VARCHAR(12000);
ALTER TABLE customer_merge ADD COLUMN pii_key VARCHAR(32);
ALTER TABLE customer_merge ADD COLUMN pii_index_key VARCHAR(32);
