package io.quartermaster.server.portal;

import io.quartermaster.api.Page;
import io.quartermaster.api.workflows.DeployedWorkflow;
import io.quartermaster.api.workflows.WorkflowVersionView;
import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.Operation;
import io.quartermaster.server.platform.errors.QmException;
import io.quartermaster.server.platform.web.PageParams;
import io.quartermaster.server.workflows.WorkflowDeployService;
import io.quartermaster.server.workflows.WorkflowQueryService;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Workflow definitions: each with its latest version and running instances, a definition's versions
 * with their instances and diagrams (drawn in the browser from the BPMN file), and deploying a new
 * version from a BPMN file. Reads and deploys through the services behind {@code /api/v1/workflows}:
 * tenant administrators read, system administrators also deploy.
 */
@Controller
class AdminWorkflowsController {

    private static final int VERSIONS_PER_PAGE = 20;

    private final WorkflowQueryService queries;
    private final WorkflowDeployService deployments;
    private final Authorizer authorizer;
    private final RefusalAudit audit;

    AdminWorkflowsController(WorkflowQueryService queries, WorkflowDeployService deployments, Authorizer authorizer,
            RefusalAudit audit) {
        this.queries = queries;
        this.deployments = deployments;
        this.authorizer = authorizer;
        this.audit = audit;
    }

    @GetMapping("/admin/workflows")
    String list(@RequestParam(required = false) Integer page, Model model) {
        model.addAttribute("active", "admin");
        model.addAttribute("workflows", queries.list(PageParams.of(page, PageParams.DEFAULT_SIZE)));
        model.addAttribute("canDeploy", canDeploy());
        return "portal/admin/workflows";
    }

    @GetMapping("/admin/workflows/{key}")
    String workflow(@PathVariable String key, @RequestParam(required = false) Integer version,
            @RequestParam(required = false) Integer page, Model model) {
        Page<WorkflowVersionView> versions = queries.versions(key, PageParams.of(page, VERSIONS_PER_PAGE));
        WorkflowVersionView shown = shown(key, version, versions);
        model.addAttribute("active", "admin");
        model.addAttribute("key", key);
        model.addAttribute("versions", versions);
        model.addAttribute("shown", shown);
        model.addAttribute("canDeploy", canDeploy());
        return "portal/admin/workflow";
    }

    /** The BPMN file of a version, for the diagram (and to download). */
    @GetMapping("/admin/workflows/{key}/versions/{version}/bpmn")
    ResponseEntity<byte[]> bpmn(@PathVariable String key, @PathVariable int version) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(queries.bpmn(key, version));
    }

    @PostMapping("/admin/workflows")
    String deploy(@RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String name,
            HttpServletRequest request, RedirectAttributes redirect) {
        try {
            DeployedWorkflow deployed = deployments.deploy(bytes(file), name == null || name.isBlank() ? null : name);
            WorkflowVersionView first = deployed.versions().get(0);
            redirect.addFlashAttribute(Notice.FLASH, Notice.done(deployed.duplicate()
                    ? "Nothing deployed: the file is identical to version " + first.version() + " of " + first.key() + "."
                    : "Deployed version " + first.version() + " of " + first.key() + "."));
            return "redirect:" + UriComponentsBuilder.fromPath("/admin/workflows/{key}")
                    .queryParam("version", first.version()).buildAndExpand(first.key()).toUriString();
        } catch (RuntimeException e) {
            QmException refusal = Refusal.find(e).orElseThrow(() -> e);
            audit.refused(request, Refusal.of(refusal));
            redirect.addFlashAttribute(Notice.FLASH, Notice.refused(Refusal.of(refusal)));
            return "redirect:/admin/workflows";
        }
    }

    /** The version asked for (the latest without one); NotFound for a version that does not exist. */
    private WorkflowVersionView shown(String key, Integer version, Page<WorkflowVersionView> versions) {
        if (version == null) {
            return versions.page() == 0 ? versions.items().get(0)
                    : queries.versions(key, PageParams.of(0, 1)).items().get(0);
        }
        return versions.items().stream().filter(v -> v.version() == version).findFirst()
                .orElseGet(() -> queries.versions(key, PageParams.of(0, PageParams.MAX_SIZE)).items().stream()
                        .filter(v -> v.version() == version).findFirst()
                        .orElseThrow(() -> new QmException(HttpStatus.NOT_FOUND, "NotFound",
                                "Workflow '" + key + "' has no version " + version + ".")));
    }

    /** Deploying changes what every tenant runs: the deploy form is for those who may do it. */
    private boolean canDeploy() {
        return authorizer.visibility(Operation.WORKFLOW_MANAGE).everything();
    }

    private static byte[] bytes(MultipartFile file) {
        if (file == null || file.isEmpty()) {
            return null;
        }
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
