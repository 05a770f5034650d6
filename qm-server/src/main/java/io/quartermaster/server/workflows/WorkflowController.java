package io.quartermaster.server.workflows;

import io.quartermaster.api.Page;
import io.quartermaster.api.workflows.DeployedWorkflow;
import io.quartermaster.api.workflows.MigrateWorkflow;
import io.quartermaster.api.workflows.MigrationResult;
import io.quartermaster.api.workflows.WorkflowInstanceView;
import io.quartermaster.api.workflows.WorkflowVersionView;
import io.quartermaster.api.workflows.WorkflowView;
import io.quartermaster.server.platform.web.PageParams;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Versioned workflows: what is deployed, which machines run which version, deploying and migrating. */
@RestController
@RequestMapping(path = "/api/v1/workflows", produces = MediaType.APPLICATION_JSON_VALUE)
class WorkflowController {

    private final WorkflowQueryService queries;
    private final WorkflowDeployService deployments;
    private final WorkflowMigrationService migrations;

    WorkflowController(WorkflowQueryService queries, WorkflowDeployService deployments,
            WorkflowMigrationService migrations) {
        this.queries = queries;
        this.deployments = deployments;
        this.migrations = migrations;
    }

    @GetMapping
    Page<WorkflowView> list(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return queries.list(PageParams.of(page, size));
    }

    @GetMapping("/{key}/versions")
    Page<WorkflowVersionView> versions(@PathVariable String key, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return queries.versions(key, PageParams.of(page, size));
    }

    @GetMapping(path = "/{key}/versions/{version}/bpmn", produces = MediaType.APPLICATION_XML_VALUE)
    ResponseEntity<byte[]> bpmn(@PathVariable String key, @PathVariable int version) {
        byte[] xml = queries.bpmn(key, version);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(key + "-v" + version + ".bpmn20.xml").build().toString())
                .body(xml);
    }

    /** The body is the BPMN file itself; 201 with the versions created, 200 when it was already deployed. */
    @PostMapping(consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE})
    ResponseEntity<DeployedWorkflow> deploy(@RequestBody(required = false) byte[] xml, @RequestParam(required = false) String name) {
        DeployedWorkflow deployed = deployments.deploy(xml, name);
        if (deployed.duplicate()) {
            return ResponseEntity.ok(deployed);
        }
        return ResponseEntity.created(URI.create("/api/v1/workflows/" + deployed.versions().get(0).key() + "/versions"))
                .body(deployed);
    }

    @GetMapping("/{key}/instances")
    Page<WorkflowInstanceView> instances(@PathVariable String key, @RequestParam(required = false) Integer version,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return queries.instances(key, version, PageParams.of(page, size));
    }

    @PostMapping("/{key}/migrations")
    MigrationResult migrate(@PathVariable String key, @Valid @RequestBody MigrateWorkflow request) {
        return migrations.migrate(key, request);
    }
}
