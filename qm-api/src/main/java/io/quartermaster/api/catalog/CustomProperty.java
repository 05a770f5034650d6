package io.quartermaster.api.catalog;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A named value a template passes to its machines' build ({@code BuildType}, the administrator's name
 * and e-mail…). Only properties marked {@code userEditable} may be set by the person who requests.
 */
public record CustomProperty(
        @NotBlank @Size(max = 100) @Pattern(regexp = "^[A-Za-z][A-Za-z0-9_.-]*$",
                message = "must start with a letter and contain only letters, digits, '.', '_' and '-'") String name,
        @Size(max = 1000) String value,
        Boolean userEditable) {}
