package io.quartermaster.api.machines;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * The body of {@code POST /machines/{id}/actions/{action}}, all fields optional: {@code days} for
 * extend-lease and restore (default: the template's lease), {@code reminderDaysBefore} for set-reminder
 * (0 turns the reminder off), {@code ownerId} for change-owner, {@code reason} for the record.
 */
public record ActionRequest(
        @Positive @Max(3650) Integer days,
        @Min(0) @Max(365) Integer reminderDaysBefore,
        UUID ownerId,
        @Size(max = 1000) String reason) {

    public static final ActionRequest NONE = new ActionRequest(null, null, null, null);
}
