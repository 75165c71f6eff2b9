package io.guanxi.customer;

/** A tag, its rule (null for a manual tag) and how many customers carry it in the caller's scope. */
public record TagView(long id, String name, String description, TagRule rule, long customers) {

    public boolean automatic() {
        return rule != null;
    }
}
