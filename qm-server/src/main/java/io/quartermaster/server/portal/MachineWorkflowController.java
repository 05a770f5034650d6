package io.quartermaster.server.portal;

import io.quartermaster.server.machines.MachineWorkflowService;
import io.quartermaster.server.machines.MachineWorkflowService.RunningWorkflow;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * What the machine page's workflow section draws: the machine's workflows (the lifecycle, and the build
 * or disposal it called) with the BPMN elements each waits in, and their BPMN files. Readable to whoever
 * may see the machine.
 */
@Controller
class MachineWorkflowController {

    /** A diagram to draw: the file at {@code bpmnUrl}, with {@code activeActivityIds} highlighted. */
    record Diagram(String key, int version, String name, String calledBy, String bpmnUrl,
            List<String> activeActivityIds) {}

    record Diagrams(List<Diagram> diagrams) {}

    private final MachineWorkflowService workflows;

    MachineWorkflowController(MachineWorkflowService workflows) {
        this.workflows = workflows;
    }

    @GetMapping(path = "/machines/{id}/workflow", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Diagrams diagrams(@PathVariable UUID id) {
        return new Diagrams(workflows.running(id).stream().map(running -> diagram(id, running)).toList());
    }

    @GetMapping(path = "/machines/{id}/workflow/{key}/versions/{version}/bpmn")
    ResponseEntity<byte[]> bpmn(@PathVariable UUID id, @PathVariable String key, @PathVariable int version) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(workflows.bpmn(id, key, version));
    }

    private static Diagram diagram(UUID machine, RunningWorkflow running) {
        String url = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/machines/{id}/workflow/{key}/versions/{version}/bpmn")
                .buildAndExpand(machine, running.key(), running.version()).toUriString();
        return new Diagram(running.key(), running.version(), running.name(), running.calledBy(), url,
                running.activeActivityIds());
    }
}
