package io.quartermaster.server.platform.web;

import io.quartermaster.server.platform.errors.FieldValidationException;

/** Validated paging parameters: {@code page} from 0, {@code size} from 1 to {@value #MAX_SIZE}. */
public record PageParams(int page, int size) {

    public static final int MAX_SIZE = 500;
    public static final int DEFAULT_SIZE = 50;

    public PageParams {
        if (page < 0) {
            throw new FieldValidationException("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new FieldValidationException("size", "must be between 1 and " + MAX_SIZE);
        }
    }

    public static PageParams of(Integer page, Integer size) {
        return new PageParams(page == null ? 0 : page, size == null ? DEFAULT_SIZE : size);
    }

    public long offset() {
        return (long) page * size;
    }
}
