-- Key rotation covers uploaded files (docs/privacy.md): every chunk names the key it is encrypted
-- with, so that the key status counts chunks per key and the re-encryption finds the chunks still
-- under an older key without reading them. NULL: stored before encryption, still plaintext. The
-- chunks stored so far get their key from their ciphertext in V28_1 (vendor-specific).
ALTER TABLE import_file_chunk ADD COLUMN data_key VARCHAR(32);

