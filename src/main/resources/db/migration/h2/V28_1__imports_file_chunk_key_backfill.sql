-- The key of each chunk stored before V28, read from its ciphertext ("g1:<key id>:...").
UPDATE import_file_chunk
SET data_key = SUBSTRING(UTF8TOSTRING(SUBSTRING(data FROM 1 FOR 40)) FROM 4
        FOR LOCATE(':', UTF8TOSTRING(SUBSTRING(data FROM 1 FOR 40)), 4) - 4)
WHERE SUBSTRING(data FROM 1 FOR 3) = X'67313A';
