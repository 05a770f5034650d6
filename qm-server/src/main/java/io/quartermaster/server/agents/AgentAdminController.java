package io.quartermaster.server.agents;

import io.quartermaster.api.Page;
import io.quartermaster.api.agent.AgentView;
import io.quartermaster.api.agent.BootstrapTokenView;
import io.quartermaster.api.agent.CreateBootstrapToken;
import io.quartermaster.api.agent.HostAgentView;
import io.quartermaster.server.platform.web.PageParams;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Agents as administrators manage them, and each host's agent status. */
@RestController
class AgentAdminController {

    private final AgentAdminService admin;

    AgentAdminController(AgentAdminService admin) {
        this.admin = admin;
    }

    @PostMapping(path = "/api/v1/agents/bootstrap-tokens", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    BootstrapTokenView createToken(@Valid @RequestBody CreateBootstrapToken request) {
        return admin.createToken(request);
    }

    @GetMapping(path = "/api/v1/agents", produces = MediaType.APPLICATION_JSON_VALUE)
    Page<AgentView> list(@RequestParam(required = false) UUID tenantId, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return admin.list(tenantId, PageParams.of(page, size));
    }

    @GetMapping(path = "/api/v1/agents/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    AgentView get(@PathVariable UUID id) {
        return admin.get(id);
    }

    @PostMapping(path = "/api/v1/agents/{id}/revoke", produces = MediaType.APPLICATION_JSON_VALUE)
    AgentView revoke(@PathVariable UUID id) {
        return admin.revoke(id);
    }

    @GetMapping(path = "/api/v1/hosts/{id}/agent", produces = MediaType.APPLICATION_JSON_VALUE)
    HostAgentView host(@PathVariable UUID id) {
        return admin.host(id);
    }
}
