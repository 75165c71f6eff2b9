-- An erasure deletes the stored files that hold the erased person's data (docs/privacy.md); the
-- import keeps its report and counts, says when its file went, and can no longer be run.
ALTER TABLE import_job ADD COLUMN file_erased_at TIMESTAMP WITH TIME ZONE;
