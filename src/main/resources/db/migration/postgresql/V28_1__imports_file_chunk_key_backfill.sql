-- The key of each chunk stored before V28, read from its ciphertext ("g1:<key id>:...").
UPDATE import_file_chunk
SET data_key = split_part(convert_from(substring(data FROM 1 FOR 40), 'UTF8'), ':', 2)
WHERE substring(data FROM 1 FOR 3) = decode('67313a', 'hex');
