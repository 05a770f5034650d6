package io.quartermaster.agent.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quartermaster.agent.server.AgentApiClient;
import io.quartermaster.agent.server.AgentJson;
import io.quartermaster.agent.server.FakeAgentServer;
import io.quartermaster.agent.server.ServerProblem;
import io.quartermaster.agent.server.ServerUnreachable;
import io.quartermaster.api.agent.AgentTaskView;
import io.quartermaster.api.agent.Registration;
import io.quartermaster.api.agent.TaskBatch;
import io.quartermaster.api.agent.TaskCompletion;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Results sent alone when nothing else is on its way, and together when they come while a call is. */
class ResultSenderTest {

    private final UUID hostId = UUID.randomUUID();
    private final FakeAgentServer server;
    private final ResultSender sender;
    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();

    ResultSenderTest() throws Exception {
        server = new FakeAgentServer(new Registration.HostRef(hostId, "sim-host-01", "simulator"));
        AgentApiClient api = new AgentApiClient(server.url(), AgentJson.mapper(), "test");
        api.useCredential(server.registration.credential());
        sender = new ResultSender(api);
    }

    @AfterEach
    void stop() {
        server.completionGate.countDown();
        callers.shutdownNow();
        server.close();
    }

    @Test
    void aResultWithNothingOnItsWayGoesAloneAndAtOnce() throws Exception {
        UUID task = UUID.randomUUID();
        AgentTaskView next = task(UUID.randomUUID());
        server.handedOnCompletion.add(next);

        TaskBatch answer = sender.complete(task, new TaskCompletion(1, 1, Map.of("volume", "v1"), 1));

        assertThat(answer.tasks()).containsExactly(next);
        assertThat(server.nextAnswer().taskId()).isEqualTo(task);
        assertThat(server.completionBatches).as("the single call, no batch").isEmpty();
    }

    @Test
    void resultsReadyWhileACallIsOnItsWayGoTogetherInTheNextAndEachGetsItsOwnAnswer() throws Exception {
        server.completionGate = new CountDownLatch(1);
        UUID first = UUID.randomUUID();
        Future<TaskBatch> firstAnswer = callers.submit(() -> sender.complete(first, new TaskCompletion(1, 1, Map.of())));
        assertThat(server.nextAnswer().taskId()).isEqualTo(first); // on its way, held there

        UUID done = UUID.randomUUID();
        UUID stale = UUID.randomUUID();
        UUID busy = UUID.randomUUID();
        server.staleTasks.add(stale);
        server.busyTasks.add(busy);
        Future<TaskBatch> doneAnswer = callers.submit(() -> sender.complete(done, new TaskCompletion(1, 1, Map.of(), 1)));
        Future<TaskBatch> staleAnswer = callers.submit(() -> sender.complete(stale, new TaskCompletion(1, 1, Map.of())));
        Future<TaskBatch> busyAnswer = callers.submit(() -> sender.complete(busy, new TaskCompletion(1, 1, Map.of(), 1)));
        while (sender.waiting() < 3) {
            Thread.sleep(5); // until all three wait for the call on its way
        }
        AgentTaskView nextOne = task(UUID.randomUUID());
        AgentTaskView nextTwo = task(UUID.randomUUID());
        server.handedOnCompletion.addAll(List.of(nextOne, nextTwo));
        server.completionGate.countDown();

        assertThat(firstAnswer.get(10, TimeUnit.SECONDS).tasks()).isEmpty();
        assertThat(server.completionBatches.poll(10, TimeUnit.SECONDS)).as("the three in one call").isEqualTo(3);
        // Both handed tasks go to the one recorded result that asked: nothing leased is left without a runner.
        assertThat(doneAnswer.get(10, TimeUnit.SECONDS).tasks()).containsExactly(nextOne, nextTwo);
        assertThatThrownBy(() -> staleAnswer.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(ServerProblem.class, problem -> assertThat(problem.isStaleTask()).isTrue());
        assertThatThrownBy(() -> busyAnswer.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ServerUnreachable.class).hasMessageContaining("Busy");
        assertThat(server.completionBatches).isEmpty();
    }

    @Test
    void aServerThatDoesNotKnowBatchesGetsEachResultOnItsOwn() throws Exception {
        server.completionsKnown = false;
        server.completionGate = new CountDownLatch(1);
        UUID first = UUID.randomUUID();
        Future<TaskBatch> firstAnswer = callers.submit(() -> sender.complete(first, new TaskCompletion(1, 1, Map.of())));
        assertThat(server.nextAnswer().taskId()).isEqualTo(first);
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        server.staleTasks.add(third);
        Future<TaskBatch> secondAnswer = callers.submit(() -> sender.complete(second, new TaskCompletion(1, 1, Map.of())));
        Future<TaskBatch> thirdAnswer = callers.submit(() -> sender.complete(third, new TaskCompletion(1, 1, Map.of())));
        while (sender.waiting() < 2) {
            Thread.sleep(5);
        }
        server.completionGate.countDown();

        assertThat(firstAnswer.get(10, TimeUnit.SECONDS).tasks()).isEmpty();
        assertThat(secondAnswer.get(10, TimeUnit.SECONDS).tasks()).isEmpty();
        assertThatThrownBy(() -> thirdAnswer.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(ServerProblem.class, problem -> assertThat(problem.isStaleTask()).isTrue());
        assertThat(List.of(server.nextAnswer().taskId(), server.nextAnswer().taskId()))
                .as("each on its own after the batch was refused").containsExactlyInAnyOrder(second, third);
        assertThat(server.completionBatches).isEmpty();
    }

    @Test
    void aResultThatCannotReachTheServerIsLeftToBeSentAgain() throws Exception {
        server.close();
        assertThatThrownBy(() -> sender.complete(UUID.randomUUID(), new TaskCompletion(1, 1, Map.of())))
                .isInstanceOf(ServerUnreachable.class);
        assertThat(sender.waiting()).isZero();
    }

    private AgentTaskView task(UUID machine) {
        return new AgentTaskView(UUID.randomUUID(), hostId, machine, "Create-Machine", Map.of(), false, 1, 1,
                Instant.now().plusSeconds(300));
    }
}
