package io.guanxi.customer;

/**
 * What became of one {@link CustomerReference}: the customer it names ({@code customerId}, null in a
 * dry run for a customer that would be created), whether that customer is new, or the problem that
 * keeps it from naming one ({@code field} is {@code externalId}, {@code phone} or {@code name}).
 */
public record CustomerMatch(Long customerId, boolean created, String field, String problem) {

    public static CustomerMatch found(long customerId) {
        return new CustomerMatch(customerId, false, null, null);
    }

    public static CustomerMatch problem(String field, String problem) {
        return new CustomerMatch(null, false, field, problem);
    }

    public boolean ok() {
        return problem == null;
    }
}
