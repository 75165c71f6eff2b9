package io.guanxi.customer.web.api;

import io.guanxi.customer.CustomField;
import io.guanxi.customer.domain.CustomerRepository;
import io.guanxi.customer.domain.fields.CustomFields;
import io.guanxi.customer.domain.tags.Tags;
import io.guanxi.identity.IdentityApi;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Custom fields")
@RestController
class CustomFieldApiController {

    private final CustomFields fields;
    private final CustomerRepository customers;
    private final Tags tags;
    private final IdentityApi identity;

    CustomFieldApiController(CustomFields fields, CustomerRepository customers, Tags tags, IdentityApi identity) {
        this.fields = fields;
        this.customers = customers;
        this.tags = tags;
        this.identity = identity;
    }

    record FieldDefinition(
            @NotBlank String key,
            @NotBlank String label,
            @NotNull CustomField.Type type,
            List<String> choices) {}

    @Operation(summary = "The custom fields defined for customers")
    @GetMapping("/api/v1/customer-fields")
    List<CustomField> all() {
        return fields.all();
    }

    @Operation(summary = "Define a custom field (TEXT, NUMBER, DATE or CHOICE with its choices)")
    @PostMapping("/api/v1/customer-fields")
    ResponseEntity<CustomField> define(@Valid @RequestBody FieldDefinition body) {
        CustomField field = fields.define(body.key(), body.label(), body.type(), body.choices());
        return ResponseEntity.created(URI.create("/api/v1/customer-fields/" + field.id()))
                .body(field);
    }

    @Operation(summary = "Delete a custom field and every value of it")
    @DeleteMapping("/api/v1/customer-fields/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        fields.delete(id);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "The customer's custom field values by key")
    @GetMapping("/api/v1/customers/{id}/fields")
    Map<String, String> values(@PathVariable long id) {
        customers.requireVisible(id, identity.scopeOfCurrentUser());
        return fields.values(id);
    }

    @Operation(summary = "Set custom field values by key (a blank value removes it; others stay)")
    @PutMapping("/api/v1/customers/{id}/fields")
    @Transactional
    public Map<String, String> set(@PathVariable long id, @RequestBody Map<String, String> values) {
        customers.requireVisible(id, identity.scopeOfCurrentUser());
        Map<String, String> result = fields.set(id, values);
        tags.refreshCustomer(id);
        return result;
    }
}
