package io.quartermaster.server.agents;

import io.quartermaster.api.agent.InventoryAck;
import io.quartermaster.api.agent.InventoryReport;
import io.quartermaster.api.agent.RegisterRequest;
import io.quartermaster.api.agent.Registration;
import io.quartermaster.api.agent.TaskBatch;
import io.quartermaster.api.agent.TaskCompletion;
import io.quartermaster.api.agent.TaskCompletions;
import io.quartermaster.api.agent.TaskCompletionsAnswer;
import io.quartermaster.api.agent.TaskFailure;
import io.quartermaster.api.agent.TaskLease;
import io.quartermaster.api.agent.TaskLeaseExtension;
import io.quartermaster.server.platform.errors.QmException;
import jakarta.validation.Valid;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The host agents' API; see {@code io.quartermaster.api.agent} for the protocol. */
@RestController
@RequestMapping(path = "/agent/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class AgentProtocolController {

    private final AgentProtocolService protocol;

    AgentProtocolController(AgentProtocolService protocol) {
        this.protocol = protocol;
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    Registration register(@Valid @RequestBody RegisterRequest request) {
        return protocol.register(request);
    }

    /** Long-poll: {@code wait} as ISO-8601 ({@code PT20S}) or seconds, at most the server's maximum. */
    @GetMapping("/tasks")
    TaskBatch tasks(@AuthenticationPrincipal AgentPrincipal agent, @RequestParam(defaultValue = "PT20S") String wait,
            @RequestParam(defaultValue = "20") int max) {
        if (max < 1 || max > 500) {
            throw QmException.invalid("ValidationFailed", "max must be between 1 and 500.");
        }
        return protocol.poll(agent, duration(wait), max);
    }

    /** 204, or 200 with the agent's next tasks when it says it can take some ({@code takeNext}). */
    @PostMapping("/tasks/{id}/complete")
    ResponseEntity<TaskBatch> complete(@AuthenticationPrincipal AgentPrincipal agent, @PathVariable UUID id,
            @Valid @RequestBody TaskCompletion completion) {
        TaskBatch next = protocol.complete(agent, id, completion);
        return next == null ? ResponseEntity.noContent().build() : ResponseEntity.ok(next);
    }

    /** Several results in one call and one transaction; 200 with each one's outcome (see {@link TaskCompletions}). */
    @PostMapping("/tasks/completions")
    TaskCompletionsAnswer completeAll(@AuthenticationPrincipal AgentPrincipal agent,
            @Valid @RequestBody TaskCompletions completions) {
        return protocol.completeAll(agent, completions);
    }

    @PostMapping("/tasks/{id}/fail")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void fail(@AuthenticationPrincipal AgentPrincipal agent, @PathVariable UUID id,
            @Valid @RequestBody TaskFailure failure) {
        protocol.fail(agent, id, failure);
    }

    /** 200 with the new lease rather than 204: the agent plans its next extension from it. */
    @PostMapping("/tasks/{id}/extend")
    TaskLease extend(@AuthenticationPrincipal AgentPrincipal agent, @PathVariable UUID id,
            @Valid @RequestBody TaskLeaseExtension extension) {
        return protocol.extend(agent, id, extension);
    }

    @PostMapping("/hosts/{id}/inventory")
    InventoryAck inventory(@AuthenticationPrincipal AgentPrincipal agent, @PathVariable UUID id,
            @Valid @RequestBody InventoryReport report) {
        return protocol.report(agent, id, report);
    }

    private static Duration duration(String text) {
        try {
            return text.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(text))
                    : Duration.parse(text);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw QmException.invalid("ValidationFailed", "wait must be a duration such as PT20S or a number of seconds,"
                    + " not '" + text + "'.");
        }
    }
}
