package io.quartermaster.api;

import java.util.List;

/**
 * One page of a listing. {@code page} counts from 0; {@code total} is the number of items across all
 * pages, so a client knows when to stop.
 */
public record Page<T>(List<T> items, int page, int size, long total) {

    public Page {
        items = List.copyOf(items);
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }
}
