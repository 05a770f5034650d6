package io.quartermaster.server.catalog;

import io.quartermaster.api.catalog.ApprovalMode;
import io.quartermaster.api.catalog.ApprovalPolicy;
import io.quartermaster.api.catalog.CustomProperty;
import io.quartermaster.server.platform.errors.FieldValidationException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks a template must pass beyond single-field constraints, each naming the field to fix. */
final class TemplateRules {

    private static final Pattern HYPERVISOR = Pattern.compile("^[a-z0-9][a-z0-9_-]*$");

    private TemplateRules() {}

    /** A lease in days or {@code permanent}, never both and never neither. Returns the lease (null: permanent). */
    static Integer lease(Integer leaseDays, Boolean permanent) {
        boolean isPermanent = Boolean.TRUE.equals(permanent);
        if (isPermanent && leaseDays != null) {
            throw new FieldValidationException("leaseDays", "must be left out for a permanent template");
        }
        if (!isPermanent && leaseDays == null) {
            throw new FieldValidationException("leaseDays", "is required: give the lease in days, or set permanent to true");
        }
        return leaseDays;
    }

    static void approval(ApprovalPolicy policy) {
        if (policy.mode() == ApprovalMode.WHEN_EXCEEDS && policy.maxCountWithoutApproval() == null
                && policy.maxLeaseDaysWithoutApproval() == null) {
            throw new FieldValidationException("approval", "WHEN_EXCEEDS needs maxCountWithoutApproval or "
                    + "maxLeaseDaysWithoutApproval");
        }
    }

    static void hypervisorType(String type) {
        if (!HYPERVISOR.matcher(type).matches()) {
            throw new FieldValidationException("hypervisorType", "must be a lower-case word such as kvm, simulator or"
                    + " physical");
        }
    }

    static void customProperties(List<CustomProperty> properties) {
        Set<String> seen = new HashSet<>();
        for (CustomProperty property : properties) {
            if (!seen.add(property.name().toLowerCase(Locale.ROOT))) {
                throw new FieldValidationException("customProperties", "names property '" + property.name() + "' twice");
            }
        }
    }

    /**
     * Cloud-init user-data as stored: null when none (or blank). The agent writes it into the machine's
     * NoCloud seed as is; cloud-init reads "#cloud-config" documents, scripts ("#!") and the other formats
     * it knows by their first line.
     */
    static String userData(String userData) {
        if (userData == null || userData.isBlank()) {
            return null;
        }
        if (userData.indexOf('\0') >= 0) {
            throw new FieldValidationException("userData", "must be text (it contains a NUL character)");
        }
        return userData;
    }

    /** A naming prefix from the template's name: "Omni 3.2 Server" gives "omni-3-2-server". */
    static String prefixFrom(String name) {
        String prefix = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (prefix.isEmpty() || !Character.isLetter(prefix.charAt(0))) {
            prefix = "vm-" + prefix;
        }
        prefix = prefix.length() > 20 ? prefix.substring(0, 20) : prefix;
        return prefix.replaceAll("-+$", "");
    }
}
