package io.guanxi.customer.web;

import io.guanxi.customer.domain.CustomerMerges;
import io.guanxi.customer.domain.duplicates.DuplicateScans;
import io.guanxi.customer.domain.duplicates.DuplicateStore;
import io.guanxi.identity.IdentityApi;
import io.guanxi.shared.ConflictException;
import io.guanxi.shared.paging.PageQuery;
import io.guanxi.shared.paging.Sortable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The duplicate review queue: run a scan, compare two records side by side, merge or dismiss. */
@Controller
class DuplicateWebController {

    private final DuplicateStore store;
    private final DuplicateScans scans;
    private final CustomerMerges merges;
    private final IdentityApi identity;

    DuplicateWebController(DuplicateStore store, DuplicateScans scans, CustomerMerges merges, IdentityApi identity) {
        this.store = store;
        this.scans = scans;
        this.merges = merges;
        this.identity = identity;
    }

    @GetMapping("/customers/duplicates")
    @Sortable(
            value = {"score", "id"},
            defaultSort = "score,desc")
    String queue(
            @RequestParam(required = false) String band,
            @RequestParam(required = false) String q,
            PageQuery page,
            Model model) {
        String selected = "AUTO".equals(band) || "REVIEW".equals(band) ? band : null;
        model.addAttribute("pairs", store.queue(identity.scopeOfCurrentUser(), selected, "OPEN", q, page));
        model.addAttribute("band", selected);
        model.addAttribute("q", q);
        model.addAttribute("scan", store.latestScan().orElse(null));
        return "customer/duplicates";
    }

    @PostMapping("/customers/duplicates/scan")
    String scan(RedirectAttributes redirect) {
        try {
            scans.start(identity.requireCurrentUser().username());
            redirect.addFlashAttribute("message", "duplicates.scan.started");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("error", "duplicates.scan.running");
        }
        return "redirect:/customers/duplicates";
    }

    @PostMapping("/customers/duplicates/{id}/merge")
    String merge(@PathVariable long id, @RequestParam long survivorId, RedirectAttributes redirect) {
        CustomerMerges.Merge merge = merges.mergeCandidate(id, survivorId, identity.requireCurrentUser());
        redirect.addFlashAttribute("message", "duplicates.merged");
        return "redirect:/customers/" + merge.survivorId();
    }

    @PostMapping("/customers/duplicates/{id}/dismiss")
    String dismiss(@PathVariable long id, RedirectAttributes redirect) {
        merges.dismiss(id, identity.requireCurrentUser());
        redirect.addFlashAttribute("message", "duplicates.dismissed");
        return "redirect:/customers/duplicates";
    }
}
