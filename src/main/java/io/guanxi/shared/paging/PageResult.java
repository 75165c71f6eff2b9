package io.guanxi.shared.paging;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, with the totals a client needs to page through it. When {@code totalCapped},
 * there are more than {@code totalElements} (a search that matches a great many stops counting
 * there, and offers that many: refine the search to see the rest).
 */
public record PageResult<T>(
        List<T> content, int page, int size, long totalElements, int totalPages, boolean totalCapped) {

    public static <T> PageResult<T> of(List<T> content, PageQuery query, long total) {
        return of(content, query, total, false);
    }

    /** A page of a list whose total may have been counted only up to a cap. */
    public static <T> PageResult<T> of(List<T> content, PageQuery query, long total, boolean capped) {
        int pages = (int) ((total + query.size() - 1) / query.size());
        return new PageResult<>(List.copyOf(content), query.page(), query.size(), total, pages, capped);
    }

    /** One page of a list that is already complete in memory (short lists: stores, merge history). */
    public static <T> PageResult<T> slice(List<T> all, PageQuery query) {
        int from = (int) Math.min(query.offset(), all.size());
        int to = Math.min(from + query.size(), all.size());
        return of(all.subList(from, to), query, all.size());
    }

    public <R> PageResult<R> map(Function<T, R> mapper) {
        return new PageResult<>(
                content.stream().map(mapper).toList(), page, size, totalElements, totalPages, totalCapped);
    }

    public boolean hasNext() {
        return page + 1 < totalPages;
    }

    public boolean hasPrevious() {
        return page > 0;
    }
}
