package io.quartermaster.server.machines;

import io.quartermaster.api.Page;
import io.quartermaster.api.machines.ActionRequest;
import io.quartermaster.api.machines.MachineEvent;
import io.quartermaster.api.machines.MachineView;
import io.quartermaster.server.platform.web.PageParams;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/machines", produces = MediaType.APPLICATION_JSON_VALUE)
class MachineController {

    private final MachineService machines;
    private final ActionService actions;

    MachineController(MachineService machines, ActionService actions) {
        this.machines = machines;
        this.actions = actions;
    }

    @GetMapping
    Page<MachineView> list(@RequestParam(required = false) String state, @RequestParam(required = false) UUID owner,
            @RequestParam(required = false) UUID group, @RequestParam(required = false) UUID host,
            @RequestParam(required = false) UUID template, @RequestParam(required = false) Instant expiringBefore,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return machines.list(new MachineService.Filter(MachineService.state(state), owner, group, host, template,
                expiringBefore), PageParams.of(page, size));
    }

    /**
     * The summary report: how many of the machines the caller may see are in each state (disposed ones
     * not counted) and how many active leases end within 7 and 30 days, as the portal's dashboard shows.
     */
    @GetMapping("/summary")
    MachineSummary summary() {
        return machines.summary();
    }

    @GetMapping("/{id}")
    MachineView get(@PathVariable UUID id) {
        return machines.get(id);
    }

    /** The machine's timeline: transitions, steps, actions and notices, oldest first. */
    @GetMapping("/{id}/history")
    Page<MachineEvent> history(@PathVariable UUID id, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return machines.history(id, PageParams.of(page, size));
    }

    /**
     * extend-lease, set-reminder, restore, dispose, power-off, power-on, reboot, reprovision, retry,
     * change-owner. 409 ActionNotAllowed when the machine's state does not allow it now.
     */
    @PostMapping("/{id}/actions/{action}")
    MachineView act(@PathVariable UUID id, @PathVariable String action,
            @Valid @RequestBody(required = false) ActionRequest body) {
        return actions.act(id, action, body);
    }
}
