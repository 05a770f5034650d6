package io.quartermaster.server.portal;

import io.quartermaster.api.catalog.CustomProperty;
import io.quartermaster.api.catalog.TemplateView;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A template as its form holds it: flat fields named like the inputs ({@code disk.0.sizeGiB},
 * {@code property.1.name}, {@code entitled.<groupId>}…), filled from the template or from what was typed,
 * and turned back into the JSON of {@code POST/PATCH /api/v1/templates}.
 */
final class TemplateForm {

    /** Rows the form offers: the template's own plus blank ones to add. */
    static final int DISK_ROWS = 4;
    static final int EXTRA_PROPERTY_ROWS = 3;

    private static final String[] SCALARS = {"name", "description", "cpu", "memoryMiB", "imageRef", "imageId",
        "diskMode", "userData", "hypervisorType", "leaseDays", "tombstoneDays", "maxMachinesPerUser", "namingPrefix"};

    private TemplateForm() {}

    static Map<String, String> blank() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("disk.0.role", "system");
        form.put("approval.mode", "NEVER");
        form.put("cost.currency", "EUR");
        form.put("tombstoneDays", "7");
        form.put("diskMode", "LINKED_CLONE");
        return form;
    }

    static Map<String, String> of(TemplateView t) {
        Map<String, String> form = new LinkedHashMap<>();
        put(form, "name", t.name());
        put(form, "description", t.description());
        put(form, "cpu", t.cpu());
        put(form, "memoryMiB", t.memoryMiB());
        put(form, "imageRef", t.imageRef());
        put(form, "imageId", t.imageId());
        put(form, "diskMode", t.diskMode());
        put(form, "userData", t.userData());
        put(form, "hypervisorType", t.hypervisorType());
        put(form, "leaseDays", t.leaseDays());
        if (t.permanent()) {
            form.put("permanent", "true");
        }
        put(form, "tombstoneDays", t.tombstoneDays());
        put(form, "maxMachinesPerUser", t.maxMachinesPerUser());
        put(form, "namingPrefix", t.namingPrefix());
        for (int i = 0; i < t.disks().size(); i++) {
            put(form, "disk." + i + ".role", t.disks().get(i).role());
            put(form, "disk." + i + ".sizeGiB", t.disks().get(i).sizeGiB());
        }
        for (int i = 0; i < t.customProperties().size(); i++) {
            CustomProperty p = t.customProperties().get(i);
            put(form, "property." + i + ".name", p.name());
            put(form, "property." + i + ".value", p.value());
            if (Boolean.TRUE.equals(p.userEditable())) {
                form.put("property." + i + ".userEditable", "true");
            }
        }
        if (t.approval() != null) {
            put(form, "approval.mode", t.approval().mode());
            put(form, "approval.maxCountWithoutApproval", t.approval().maxCountWithoutApproval());
            put(form, "approval.maxLeaseDaysWithoutApproval", t.approval().maxLeaseDaysWithoutApproval());
        }
        if (t.cost() != null) {
            put(form, "cost.currency", t.cost().currency());
            put(form, "cost.perCpuDay", plain(t.cost().perCpuDay()));
            put(form, "cost.perGiBMemoryDay", plain(t.cost().perGiBMemoryDay()));
            put(form, "cost.perGiBDiskDay", plain(t.cost().perGiBDiskDay()));
            put(form, "cost.perMachineDay", plain(t.cost().perMachineDay()));
        }
        t.entitledGroupIds().forEach(id -> form.put("entitled." + id, "true"));
        put(form, "version", t.version());
        return form;
    }

    /** How many property rows to draw: those filled plus a few blank ones. */
    static int propertyRows(Map<String, String> form) {
        int rows = 0;
        while (form.containsKey("property." + rows + ".name")) {
            rows++;
        }
        return rows + EXTRA_PROPERTY_ROWS;
    }

    /**
     * The API's JSON for the typed form. Blank rows and fields are left out: the API's default applies to a
     * new template, and an edited one keeps what it had.
     */
    static Map<String, Object> json(Map<String, String> form, boolean edit) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (String name : SCALARS) {
            String value = form.get(name);
            if (value != null && !value.isBlank()) {
                json.put(name, value.strip());
            }
        }
        json.put("permanent", form.containsKey("permanent"));
        if (form.containsKey("permanent")) {
            json.remove("leaseDays");
        }
        List<Map<String, Object>> disks = new ArrayList<>();
        for (int i = 0; i < DISK_ROWS; i++) {
            String size = form.get("disk." + i + ".sizeGiB");
            if (size != null && !size.isBlank()) {
                Map<String, Object> disk = new LinkedHashMap<>();
                disk.put("role", form.getOrDefault("disk." + i + ".role", "").strip());
                disk.put("sizeGiB", size.strip());
                disks.add(disk);
            }
        }
        json.put("disks", disks);
        List<Map<String, Object>> properties = new ArrayList<>();
        for (int i = 0; form.containsKey("property." + i + ".name"); i++) {
            String name = form.get("property." + i + ".name").strip();
            if (!name.isEmpty()) {
                Map<String, Object> property = new LinkedHashMap<>();
                property.put("name", name);
                property.put("value", form.getOrDefault("property." + i + ".value", ""));
                property.put("userEditable", form.containsKey("property." + i + ".userEditable"));
                properties.add(property);
            }
        }
        json.put("customProperties", properties);
        Map<String, Object> approval = new LinkedHashMap<>();
        approval.put("mode", form.getOrDefault("approval.mode", "NEVER"));
        if ("WHEN_EXCEEDS".equals(approval.get("mode"))) {
            optional(approval, form, "approval.", "maxCountWithoutApproval");
            optional(approval, form, "approval.", "maxLeaseDaysWithoutApproval");
        }
        json.put("approval", approval);
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("currency", form.getOrDefault("cost.currency", "").strip());
        for (String rate : List.of("perCpuDay", "perGiBMemoryDay", "perGiBDiskDay", "perMachineDay")) {
            optional(cost, form, "cost.", rate);
        }
        json.put("cost", cost);
        json.put("entitledGroupIds", form.keySet().stream().filter(key -> key.startsWith("entitled."))
                .map(key -> key.substring("entitled.".length())).toList());
        if (edit && form.get("version") != null && !form.get("version").isBlank()) {
            json.put("version", form.get("version").strip());
        }
        return json;
    }

    private static void optional(Map<String, Object> json, Map<String, String> form, String prefix, String name) {
        String value = form.get(prefix + name);
        if (value != null && !value.isBlank()) {
            json.put(name, value.strip());
        }
    }

    private static void put(Map<String, String> form, String name, Object value) {
        if (value != null) {
            form.put(name, value.toString());
        }
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? null : amount.stripTrailingZeros().toPlainString();
    }
}
