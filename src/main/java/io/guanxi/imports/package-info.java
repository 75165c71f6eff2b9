/**
 * Import and export: uploads of CSV and Excel files (encodings detected, columns mapped, a dry run
 * with a per-row report, then the commit), processed in batches by the module that owns the record
 * type through {@link io.guanxi.imports.ImportTarget}; and the tabular export writer that every list
 * uses. The module knows no record type itself, so customers, orders and the rest plug in.
 */
@ApplicationModule(
        displayName = "Import and export",
        allowedDependencies = {"identity", "shared"})
package io.guanxi.imports;

import org.springframework.modulith.ApplicationModule;
