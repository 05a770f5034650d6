package io.quartermaster.server.portal;

import io.quartermaster.server.audit.AuditFilter;
import io.quartermaster.server.audit.AuditQueryService;
import io.quartermaster.server.platform.web.PageParams;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The audit trail, newest first, through the service behind {@code GET /api/v1/audit}: a group
 * administrator sees their groups', a tenant administrator their tenant's, a system administrator all.
 * Filters by actor, action, target type, outcome and a time range (UTC, as the portal shows times).
 */
@Controller
class AdminAuditController {

    /** What the filter form holds, as typed. */
    record Filters(String actor, String action, String targetType, String outcome, String since, String until) {

        AuditFilter toFilter() {
            return new AuditFilter(null, blankToNull(actor), blankToNull(action), blankToNull(targetType),
                    null, blankToNull(outcome), null, null, instant("since", since), instant("until", until));
        }

        /** The link to another page of the same listing. */
        public String page(int page) {
            UriComponentsBuilder link = UriComponentsBuilder.fromPath("/admin/audit");
            add(link, "actor", actor);
            add(link, "action", action);
            add(link, "targetType", targetType);
            add(link, "outcome", outcome);
            add(link, "since", since);
            add(link, "until", until);
            return link.queryParam("page", page).encode().build().toUriString();
        }

        private static void add(UriComponentsBuilder link, String name, String value) {
            if (value != null && !value.isBlank()) {
                link.queryParam(name, value.strip());
            }
        }
    }

    private final AuditQueryService audit;

    AdminAuditController(AuditQueryService audit) {
        this.audit = audit;
    }

    @GetMapping("/admin/audit")
    String list(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
            @RequestParam(required = false) String targetType, @RequestParam(required = false) String outcome,
            @RequestParam(required = false) String since, @RequestParam(required = false) String until,
            @RequestParam(required = false) Integer page, Model model) {
        Filters filters = new Filters(actor, action, targetType, outcome, since, until);
        model.addAttribute("active", "admin");
        model.addAttribute("filters", filters);
        model.addAttribute("events", audit.find(filters.toFilter(),
                PageParams.of(page == null || page < 0 ? 0 : page, PageParams.DEFAULT_SIZE)));
        return "portal/admin/audit";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A time as the form's datetime-local field sends it (UTC), or an ISO instant. */
    private static Instant instant(String field, String typed) {
        String value = blankToNull(typed);
        if (value == null) {
            return null;
        }
        try {
            return value.endsWith("Z") ? Instant.parse(value) : LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw Refusal.invalidException(field, "must be a date and time like 2026-11-21T09:30");
        }
    }
}
