package io.guanxi.customer.web.api;

import io.guanxi.customer.Contact;
import io.guanxi.customer.domain.CustomerContacts;
import io.guanxi.customer.domain.Masking;
import io.guanxi.identity.CurrentUser;
import io.guanxi.identity.IdentityApi;
import io.guanxi.identity.Permission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Customer contacts")
@RestController
@RequestMapping("/api/v1/customers/{id}/contacts")
class ContactApiController {

    private final CustomerContacts contacts;
    private final IdentityApi identity;

    ContactApiController(CustomerContacts contacts, IdentityApi identity) {
        this.contacts = contacts;
        this.identity = identity;
    }

    @Operation(summary = "The people to talk to at an organisation customer (masked without PII_READ)")
    @GetMapping
    List<Contact> list(@PathVariable long id) {
        CurrentUser actor = identity.requireCurrentUser();
        boolean full = actor.can(Permission.PII_READ);
        return contacts.of(id, identity.scopeOf(actor)).stream()
                .map(c -> full ? c : Masking.contact(c))
                .toList();
    }

    @Operation(summary = "Add a contact; primary=true takes the primary mark from the previous one")
    @PostMapping
    ResponseEntity<Contact> add(@PathVariable long id, @Valid @RequestBody Contact contact) {
        Contact added = contacts.add(id, contact, identity.scopeOfCurrentUser());
        return ResponseEntity.created(URI.create("/api/v1/customers/" + id + "/contacts/" + added.id()))
                .body(added);
    }

    @PutMapping("/{contactId}")
    Contact change(@PathVariable long id, @PathVariable long contactId, @Valid @RequestBody Contact contact) {
        return contacts.change(id, contactId, contact, identity.scopeOfCurrentUser());
    }

    @DeleteMapping("/{contactId}")
    ResponseEntity<Void> remove(@PathVariable long id, @PathVariable long contactId) {
        contacts.remove(id, contactId, identity.scopeOfCurrentUser());
        return ResponseEntity.noContent().build();
    }
}
