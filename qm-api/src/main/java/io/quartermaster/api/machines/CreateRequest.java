package io.quartermaster.api.machines;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;

/**
 * An order for {@code count} machines of a template in a group. {@code properties} may set only the
 * template's custom properties marked user-editable.
 */
public record CreateRequest(
        @NotNull UUID templateId,
        @NotNull UUID groupId,
        @Positive @Max(MAX_COUNT) Integer count,
        Map<String, @Size(max = 1000) String> properties,
        @Size(max = 1000) String reason) {

    /** The most machines one request may ask for. */
    public static final int MAX_COUNT = 100;

    public int countOrOne() {
        return count == null ? 1 : count;
    }
}
