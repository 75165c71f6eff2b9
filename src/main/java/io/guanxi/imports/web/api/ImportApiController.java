package io.guanxi.imports.web.api;

import io.guanxi.identity.CurrentUser;
import io.guanxi.identity.IdentityApi;
import io.guanxi.imports.ImportField;
import io.guanxi.imports.TableExport;
import io.guanxi.imports.domain.ColumnMapping;
import io.guanxi.imports.domain.ImportJob;
import io.guanxi.imports.domain.ImportJobRepository;
import io.guanxi.imports.domain.Imports;
import io.guanxi.shared.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Tag(name = "Imports")
@RestController
@RequestMapping("/api/v1/imports")
class ImportApiController {

    private final Imports imports;
    private final IdentityApi identity;
    private final JsonMapper json;

    ImportApiController(Imports imports, IdentityApi identity, JsonMapper json) {
        this.imports = imports;
        this.identity = identity;
        this.json = json;
    }

    /** An import's state, progress, counts and the first lines of its report. */
    record ImportStatus(
            long id,
            String recordType,
            String fileName,
            String format,
            String encoding,
            long sizeBytes,
            List<String> headers,
            Map<String, String> mapping,
            String matchKey,
            String source,
            String mode,
            String state,
            boolean committed,
            int percent,
            long rowsRead,
            Counts counts,
            String error,
            Instant createdAt,
            Instant finishedAt,
            Instant fileErasedAt,
            long reportSize,
            List<ImportJobRepository.ReportLine> report,
            String reportUrl) {}

    record Counts(long created, long updated, long unchanged, long rejected, long warnings) {}

    record RecordType(String recordType, List<ImportField> fields, List<String> matchKeys) {}

    record Run(Map<String, String> mapping, String matchKey, boolean dryRun) {}

    record MappingBody(
            @NotBlank String recordType,
            @NotBlank String name,
            @NotNull Map<String, String> mapping,
            String matchKey) {}

    @Operation(summary = "Record types the caller may import, with their fields and match keys")
    @GetMapping("/types")
    List<RecordType> types() {
        return imports.targets(identity.requireCurrentUser()).stream()
                .map(t -> new RecordType(t.recordType(), t.fields(), t.matchKeys()))
                .toList();
    }

    @Operation(
            summary = "Upload a CSV or XLSX file and start a dry run (default) or the import",
            description = "Multipart fields: file; recordType (e.g. customer); source (the system the file's ids"
                    + " come from, default 'import'); encoding (auto, UTF-8, GB18030, GBK); mappingName (a saved"
                    + " mapping) or mapping (JSON object column title → field; default: guessed from the titles);"
                    + " matchKey; dryRun (default true). Answers 202 with the status URL in Location.")
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ImportStatus> upload(
            @RequestPart("file") MultipartFile file,
            @RequestParam String recordType,
            @RequestParam(required = false) String source,
            @RequestParam(required = false) String encoding,
            @RequestParam(required = false) String mapping,
            @RequestParam(required = false) String mappingName,
            @RequestParam(required = false) String matchKey,
            @RequestParam(defaultValue = "true") boolean dryRun)
            throws IOException {
        CurrentUser actor = identity.requireCurrentUser();
        ColumnMapping chosen = null;
        String key = matchKey;
        if (mappingName != null && !mappingName.isBlank()) {
            ImportJobRepository.SavedMapping saved = imports.mapping(recordType, mappingName, actor);
            chosen = saved.mapping();
            key = key != null ? key : saved.matchKey();
        } else if (mapping != null && !mapping.isBlank()) {
            chosen = new ColumnMapping(parseMapping(mapping));
        }
        ImportJob job;
        try (InputStream content = file.getInputStream()) {
            job = imports.upload(
                    new Imports.Upload(recordType, file.getOriginalFilename(), source, encoding), content, actor);
        }
        job = imports.run(job.id(), chosen, key, dryRun ? ImportJob.Mode.DRY_RUN : ImportJob.Mode.COMMIT, actor);
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/imports/" + job.id()))
                .body(status(job, actor));
    }

    @Operation(summary = "The caller's latest imports (all imports for users who see all data)")
    @GetMapping
    List<ImportStatus> recent() {
        CurrentUser actor = identity.requireCurrentUser();
        return imports.recent(actor).stream().map(job -> summary(job)).toList();
    }

    @Operation(summary = "State, progress, counts and the first 100 report lines of an import")
    @GetMapping("/{id}")
    ImportStatus get(@PathVariable long id) {
        CurrentUser actor = identity.requireCurrentUser();
        return status(imports.find(id, actor), actor);
    }

    @Operation(summary = "Report lines (row, column, severity, message), in row order")
    @GetMapping("/{id}/issues")
    List<ImportJobRepository.ReportLine> issues(
            @PathVariable long id,
            @RequestParam(defaultValue = "0") long offset,
            @RequestParam(defaultValue = "100") int limit) {
        if (offset < 0 || limit < 1 || limit > 1000) {
            throw InvalidRequestException.forField("limit", "offset must be ≥ 0 and limit 1–1000");
        }
        return imports.report(id, offset, limit, identity.requireCurrentUser());
    }

    @Operation(summary = "The whole report as CSV: row, column, severity, message")
    @GetMapping(value = "/{id}/report", produces = "text/csv")
    void report(@PathVariable long id, HttpServletResponse response) throws IOException {
        CurrentUser actor = identity.requireCurrentUser();
        imports.find(id, actor);
        imports.writeReport(id, actor, TableExport.Format.CSV.attach(response, "import-" + id + "-report"));
    }

    @Operation(summary = "Run an uploaded file again: another dry run with a new mapping, or the import")
    @PostMapping("/{id}/runs")
    ResponseEntity<ImportStatus> run(@PathVariable long id, @RequestBody Run run) {
        CurrentUser actor = identity.requireCurrentUser();
        ImportJob job = imports.run(
                id,
                run.mapping() == null ? null : new ColumnMapping(run.mapping()),
                run.matchKey(),
                run.dryRun() ? ImportJob.Mode.DRY_RUN : ImportJob.Mode.COMMIT,
                actor);
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/imports/" + id))
                .body(status(job, actor));
    }

    @Operation(summary = "Commit a file after its dry run, with the dry run's mapping and match key")
    @PostMapping("/{id}/commit")
    ResponseEntity<ImportStatus> commit(@PathVariable long id) {
        CurrentUser actor = identity.requireCurrentUser();
        ImportJob job = imports.commit(id, actor);
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/imports/" + id))
                .body(status(job, actor));
    }

    @Operation(summary = "Saved column mappings of a record type")
    @GetMapping("/mappings")
    List<ImportJobRepository.SavedMapping> mappings(@RequestParam String recordType) {
        return imports.mappings(recordType, identity.requireCurrentUser());
    }

    @Operation(summary = "Save a column mapping under a name (replaces one of the same name)")
    @PutMapping("/mappings")
    ResponseEntity<Void> saveMapping(@Valid @RequestBody MappingBody body) {
        imports.saveMapping(
                body.recordType(),
                body.name(),
                new ColumnMapping(body.mapping()),
                body.matchKey(),
                identity.requireCurrentUser());
        return ResponseEntity.noContent().build();
    }

    private Map<String, String> parseMapping(String text) {
        try {
            return json.readValue(text, new TypeReference<java.util.LinkedHashMap<String, String>>() {});
        } catch (JacksonException e) {
            throw InvalidRequestException.forField("mapping", "must be a JSON object of column title to field");
        }
    }

    private ImportStatus status(ImportJob job, CurrentUser actor) {
        return build(job, imports.reportSize(job.id(), actor), imports.report(job.id(), 0, 100, actor));
    }

    private static ImportStatus summary(ImportJob job) {
        return build(job, job.rejected() + job.warnings(), List.of());
    }

    private static ImportStatus build(ImportJob job, long reportSize, List<ImportJobRepository.ReportLine> report) {
        return new ImportStatus(
                job.id(),
                job.recordType(),
                job.fileName(),
                job.format().name(),
                job.encoding(),
                job.sizeBytes(),
                job.headers(),
                job.mapping().columns(),
                job.matchKey(),
                job.source(),
                job.mode() == null ? null : job.mode().name(),
                job.state().name(),
                job.committed(),
                job.percent(),
                job.rowsRead(),
                new Counts(job.created(), job.updated(), job.unchanged(), job.rejected(), job.warnings()),
                job.error(),
                job.createdAt(),
                job.finishedAt(),
                job.fileErasedAt(),
                reportSize,
                report,
                "/api/v1/imports/" + job.id() + "/report");
    }
}
