package io.guanxi.loyalty.web.api;

import io.guanxi.loyalty.domain.entitlement.PackageReport;
import io.guanxi.loyalty.domain.entitlement.ServicePackage;
import io.guanxi.loyalty.domain.entitlement.ServicePackages;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Service packages")
@RestController
@RequestMapping("/api/v1/loyalty/service-packages")
class ServicePackageApiController {

    private final ServicePackages packages;
    private final PackageReport report;
    private final Clock clock;

    ServicePackageApiController(ServicePackages packages, PackageReport report, Clock clock) {
        this.packages = packages;
        this.report = report;
        this.clock = clock;
    }

    /** A package sold as the product with this SKU. */
    record NewPackage(
            String sku,
            String name,
            ServicePackage.Kind kind,
            Integer uses,
            Integer validityMonths,
            Integer reminderDays) {}

    @Operation(summary = "The service packages")
    @GetMapping
    List<ServicePackage> list() {
        return packages.all();
    }

    @Operation(
            summary = "Define a service package for a product SKU: kind, uses per unit, validity in months, and"
                    + " optionally the days after a use when the customer is reminded of the next service")
    @PostMapping
    ResponseEntity<ServicePackage> define(@RequestBody NewPackage p) {
        ServicePackage added = packages.add(
                ServicePackage.define(p.sku(), p.name(), p.kind(), p.uses(), p.validityMonths(), p.reminderDays()),
                clock.instant());
        return ResponseEntity.created(URI.create("/api/v1/loyalty/service-packages"))
                .body(added);
    }

    @Operation(
            summary = "Usage and renewal per package. Usage rate = uses consumed / uses granted. An entitlement has"
                    + " ended at its last use or at expiry; it is renewed when the customer got the same package"
                    + " again from another purchase after it was granted and within the renewal window after it"
                    + " ended. Renewal rate = renewed / ended, counting ended ones renewed or whose window closed."
                    + " Refunded (revoked) entitlements count nowhere")
    @GetMapping("/report")
    PackageReport.Report report() {
        return report.run();
    }
}
