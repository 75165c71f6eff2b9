-- An erasure reaches the merges of the erased customer (docs/privacy.md): the snapshot kept for the
-- undo and the external ids the merge moved are removed (survivor_before becomes NULL), and
-- erased_at says why such a merge can no longer be undone.
ALTER TABLE customer_merge ALTER COLUMN survivor_before DROP NOT NULL;
ALTER TABLE customer_merge ADD COLUMN erased_at TIMESTAMP WITH TIME ZONE;
