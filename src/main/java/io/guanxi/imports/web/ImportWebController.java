package io.guanxi.imports.web;

import io.guanxi.identity.CurrentUser;
import io.guanxi.identity.IdentityApi;
import io.guanxi.imports.ImportTarget;
import io.guanxi.imports.TableExport;
import io.guanxi.imports.domain.ColumnMapping;
import io.guanxi.imports.domain.ImportJob;
import io.guanxi.imports.domain.ImportJobRepository;
import io.guanxi.imports.domain.Imports;
import io.guanxi.shared.ConflictException;
import io.guanxi.shared.InvalidRequestException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Import pages: upload a file, map its columns (with the first rows shown), dry run, read the
 * report, commit; the progress bar polls while a run goes on.
 */
@Controller
class ImportWebController {

    private static final int REPORT_LINES = 200;

    private final Imports imports;
    private final IdentityApi identity;

    ImportWebController(Imports imports, IdentityApi identity) {
        this.imports = imports;
        this.identity = identity;
    }

    @GetMapping("/imports")
    String list(Model model) {
        CurrentUser actor = identity.requireCurrentUser();
        model.addAttribute("imports", imports.recent(actor));
        model.addAttribute("targets", imports.targets(actor));
        return "imports/list";
    }

    @PostMapping("/imports")
    String upload(
            @RequestParam(value = "file", required = false) MultipartFile file,
            @RequestParam String recordType,
            @RequestParam(required = false) String source,
            @RequestParam(required = false) String encoding,
            RedirectAttributes redirect)
            throws IOException {
        if (file == null || file.isEmpty()) {
            redirect.addFlashAttribute("error", "imports.file.empty");
            return "redirect:/imports";
        }
        try (InputStream content = file.getInputStream()) {
            ImportJob job = imports.upload(
                    new Imports.Upload(recordType, file.getOriginalFilename(), source, encoding),
                    content,
                    identity.requireCurrentUser());
            return "redirect:/imports/" + job.id();
        } catch (InvalidRequestException e) {
            redirect.addFlashAttribute("error", "imports.file.unreadable");
            redirect.addFlashAttribute("errorDetail", e.getMessage());
            return "redirect:/imports";
        }
    }

    @GetMapping("/imports/{id}")
    String show(@PathVariable long id, @RequestParam(required = false) String mapping, Model model) {
        CurrentUser actor = identity.requireCurrentUser();
        ImportJob job = imports.find(id, actor);
        ImportTarget target = imports.target(job.recordType(), actor);
        ColumnMapping chosen = job.mapping();
        String matchKey = job.matchKey();
        if (mapping != null && !mapping.isBlank()) {
            ImportJobRepository.SavedMapping saved = imports.mapping(job.recordType(), mapping, actor);
            chosen = saved.mapping();
            matchKey = saved.matchKey() != null ? saved.matchKey() : matchKey;
            model.addAttribute("appliedMapping", saved.name());
        }
        ImportRunFormData form = new ImportRunFormData();
        ColumnMapping effective = chosen;
        form.setFields(job.headers().stream()
                .map(h -> effective.columns().getOrDefault(h, ""))
                .toList());
        form.setMatchKey(matchKey != null ? matchKey : target.matchKeys().get(0));
        model.addAttribute("form", form);
        model.addAttribute("savedMappings", imports.mappings(job.recordType(), actor));
        addStatus(job, actor, model);
        model.addAttribute("target", target);
        return "imports/show";
    }

    /** The status panel alone, polled by the page while a run goes on. */
    @GetMapping("/imports/{id}/status")
    String status(@PathVariable long id, Model model) {
        CurrentUser actor = identity.requireCurrentUser();
        addStatus(imports.find(id, actor), actor, model);
        return "imports/show :: status";
    }

    private void addStatus(ImportJob job, CurrentUser actor, Model model) {
        model.addAttribute("job", job);
        model.addAttribute("report", imports.report(job.id(), 0, REPORT_LINES, actor));
        model.addAttribute("reportSize", imports.reportSize(job.id(), actor));
    }

    @PostMapping("/imports/{id}/run")
    String run(
            @PathVariable long id,
            @ModelAttribute("form") ImportRunFormData form,
            @RequestParam(defaultValue = "true") boolean dryRun,
            RedirectAttributes redirect) {
        CurrentUser actor = identity.requireCurrentUser();
        ImportJob job = imports.find(id, actor);
        ColumnMapping mapping = form.toMapping(job.headers());
        try {
            if (form.getSaveAs() != null && !form.getSaveAs().isBlank()) {
                imports.saveMapping(job.recordType(), form.getSaveAs(), mapping, form.getMatchKey(), actor);
            }
            imports.run(
                    id, mapping, form.getMatchKey(), dryRun ? ImportJob.Mode.DRY_RUN : ImportJob.Mode.COMMIT, actor);
        } catch (InvalidRequestException e) {
            redirect.addFlashAttribute("error", "imports.mapping.invalid");
            redirect.addFlashAttribute(
                    "errorDetail",
                    e.fieldProblems().isEmpty()
                            ? e.getMessage()
                            : String.join(
                                    "; ",
                                    e.fieldProblems().stream()
                                            .map(InvalidRequestException.FieldProblem::message)
                                            .toList()));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("error", "imports.running");
        }
        return "redirect:/imports/" + id;
    }

    @PostMapping("/imports/{id}/commit")
    String commit(@PathVariable long id, RedirectAttributes redirect) {
        try {
            imports.commit(id, identity.requireCurrentUser());
        } catch (ConflictException e) {
            redirect.addFlashAttribute("error", "imports.commit.notReady");
        }
        return "redirect:/imports/" + id;
    }

    @GetMapping("/imports/{id}/report")
    void report(@PathVariable long id, HttpServletResponse response) throws IOException {
        CurrentUser actor = identity.requireCurrentUser();
        imports.find(id, actor);
        response.setContentType(TableExport.Format.CSV.contentType());
        response.setHeader("Content-Disposition", "attachment; filename=\"import-" + id + "-report.csv\"");
        imports.writeReport(id, actor, response.getOutputStream());
    }
}
