package io.guanxi.customer.web;

import io.guanxi.customer.CustomerKind;
import io.guanxi.customer.domain.CustomerExport;
import io.guanxi.customer.domain.CustomerQuery;
import io.guanxi.identity.IdentityApi;
import io.guanxi.imports.TableExport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customer list as a download, for the page's export links and the API alike: one handler, so
 * filters, masking and the audit line cannot differ between them.
 */
@Tag(name = "Customers")
@RestController
class CustomerExportController {

    private final CustomerExport exports;
    private final IdentityApi identity;

    CustomerExportController(CustomerExport exports, IdentityApi identity) {
        this.exports = exports;
        this.identity = identity;
    }

    @Operation(
            summary = "Export the list (same filters, field.<key> too, and scope) to CSV or XLSX, custom fields as"
                    + " field.<key> columns; masked without PII_READ; audited")
    @GetMapping({"/customers/export", "/api/v1/customers/export"})
    void export(
            @RequestParam(defaultValue = "csv") String format,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) CustomerKind kind,
            @RequestParam(required = false) Long storeId,
            @RequestParam(required = false) Long tagId,
            @RequestParam Map<String, String> params,
            HttpServletResponse response)
            throws IOException {
        TableExport.Format chosen = TableExport.Format.of(format);
        exports.export(
                new CustomerQuery(q, kind, storeId, tagId, CustomerQuery.fieldFilters(params)),
                chosen,
                chosen.attach(response, "customers"),
                identity.requireCurrentUser());
    }
}
