package io.guanxi.imports;

import io.guanxi.identity.CurrentUser;

/**
 * How one import run writes: dry run or commit, the field that matches existing records, the source
 * system the file's ids belong to, and who imports.
 */
public record ImportContext(long importId, boolean dryRun, String matchKey, String source, CurrentUser actor) {}
