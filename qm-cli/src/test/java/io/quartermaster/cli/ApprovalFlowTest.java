package io.quartermaster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.cli.support.QmResult;
import io.quartermaster.cli.support.QmRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A template that always needs approval (the demo's Omni server): the requester waits with {@code --wait}
 * while the group administrator approves or rejects with qm, and the wait ends accordingly.
 */
class ApprovalFlowTest {

    static final String OMNI = "Omni 3.2 Server 1 GB 10 GB";
    static final String LAB = "Research and Development Virtual Lab";

    @TempDir
    Path dir;

    QmRunner uma;
    QmRunner gary;

    @BeforeEach
    void logIn() {
        uma = QmRunner.loggedIn(dir, "uma");
        gary = QmRunner.loggedIn(dir, "gary");
    }

    @Test
    void anApprovedRequestIsBuiltWhileTheRequesterWaits() throws Exception {
        String reason = "approve me " + System.nanoTime();
        CompletableFuture<QmResult> waiting = CompletableFuture.supplyAsync(() -> uma.run("request", OMNI, "--group", LAB,
                "--reason", reason, "--wait", "--poll-interval", "200ms", "--timeout", "3m"));
        String approval = pendingApprovalWithReason(reason);

        QmResult listed = gary.run("approvals", "list");
        assertThat(listed.out()).contains(approval, "Request", "uma", OMNI);
        assertThat(gary.run("approvals", "show", approval).out()).contains("State:", "Pending", "Requester:", "uma");

        QmResult approved = gary.run("approvals", "approve", approval, "--reason", "go ahead");
        assertThat(approved.exitCode()).as(approved.toString()).isZero();
        assertThat(approved.out()).contains("Approval " + approval, "Approved");

        QmResult result = waiting.get(3, TimeUnit.MINUTES);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).contains("waiting for a group administrator's approval", "1/1 Active");
        assertThat(result.out()).contains("waiting for approval").contains("Active");
    }

    @Test
    void aRejectedRequestEndsTheWaitWithTheRejectionAndExitCodeOne() throws Exception {
        String reason = "reject me " + System.nanoTime();
        CompletableFuture<QmResult> waiting = CompletableFuture.supplyAsync(() -> uma.run("request", OMNI, "--group", LAB,
                "--reason", reason, "--wait", "--poll-interval", "200ms", "--timeout", "3m"));
        String approval = pendingApprovalWithReason(reason);

        QmResult withoutReason = gary.run("approvals", "reject", approval);
        assertThat(withoutReason.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(withoutReason.err()).contains("--reason");

        QmResult rejected = gary.run("approvals", "reject", approval, "--reason", "use the QA group", "-o", "json");
        assertThat(rejected.exitCode()).as(rejected.toString()).isZero();
        assertThat(rejected.json().path("state").asString()).isEqualTo("Rejected");

        QmResult result = waiting.get(3, TimeUnit.MINUTES);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.err().lines().filter(line -> line.startsWith("error:")))
                .containsExactly("error: RequestRejected: The request was rejected by gary: use the QA group");

        assertThat(gary.run("approvals", "approve", approval).exitCode()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(gary.run("approvals", "list", "--state", "rejected", "-o", "json").json().findValuesAsString("id"))
                .contains(approval);
    }

    @Test
    void aUserCannotDecide() throws Exception {
        String reason = "not yours " + System.nanoTime();
        QmResult ordered = uma.run("request", OMNI, "--group", LAB, "--reason", reason);
        assertThat(ordered.exitCode()).as(ordered.toString()).isZero();
        String approval = pendingApprovalWithReason(reason);

        QmResult refused = uma.run("approvals", "approve", approval);

        assertThat(refused.exitCode()).isIn(ExitCodes.DENIED, ExitCodes.NOT_FOUND);
        assertThat(gary.run("approvals", "reject", approval, "--reason", "cleaning up").exitCode()).isZero();
    }

    /** The id of the pending approval gary sees for the request with this reason, once it is there. */
    private String pendingApprovalWithReason(String reason) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            QmResult listed = gary.run("approvals", "list", "-o", "json");
            List<JsonNode> mine = listed.json().valueStream().filter(a -> a.path("reason").asString().equals(reason)).toList();
            if (!mine.isEmpty()) {
                return mine.get(0).path("id").asString();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no pending approval with reason " + reason);
    }
}
