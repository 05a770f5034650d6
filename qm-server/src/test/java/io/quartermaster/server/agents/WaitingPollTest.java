package io.quartermaster.server.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.api.agent.AgentTaskView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A waiting poll and the transactions that hand tasks over to it: tasks are in its answer, or not leased to it. */
class WaitingPollTest {

    private final WaitingPoll poll = new WaitingPoll(
            new AgentPrincipal(UUID.randomUUID(), UUID.randomUUID(), "agent", List.of(UUID.randomUUID())), 5);
    private final List<AgentTaskView> tasks = List.of(new AgentTaskView(UUID.randomUUID(), UUID.randomUUID(),
            UUID.randomUUID(), "Start-Machine", Map.of(), false, 1, 0, Instant.EPOCH));

    @Test
    void aPollThatIsLookingCannotBeReserved() {
        assertThat(poll.reserve()).isFalse();
    }

    @Test
    void tasksHandedOverWhileItWaitedAreItsAnswer() throws Exception {
        CompletableFuture<Boolean> signalled = CompletableFuture.supplyAsync(() -> await(Duration.ofSeconds(20)));
        waitUntilOpen();
        assertThat(poll.reserve()).isTrue();
        assertThat(poll.reserve()).as("one transaction at a time").isFalse();

        poll.deliver(tasks);

        assertThat(signalled.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(poll.settle()).isEqualTo(tasks);
        assertThat(poll.reserve()).as("taken back: looking again").isFalse();
    }

    @Test
    void aTransactionThatHandedNothingOverGivesThePollBack() throws Exception {
        CompletableFuture<Boolean> signalled = CompletableFuture.supplyAsync(() -> await(Duration.ofMillis(200)));
        waitUntilOpen();
        assertThat(poll.reserve()).isTrue();
        poll.release();

        assertThat(signalled.get(10, TimeUnit.SECONDS)).as("no signal: the wait ran out").isFalse();
        assertThat(poll.settle()).isNull();
    }

    @Test
    void aPollWhoseWaitRanOutWaitsForTheReservingTransactionToEnd() throws Exception {
        CompletableFuture<Boolean> signalled = CompletableFuture.supplyAsync(() -> await(Duration.ofMillis(100)));
        waitUntilOpen();
        assertThat(poll.reserve()).isTrue();
        assertThat(signalled.get(10, TimeUnit.SECONDS)).isFalse();

        CompletableFuture<List<AgentTaskView>> settled = CompletableFuture.supplyAsync(this::settle);
        poll.deliver(tasks); // the transaction commits after the wait ran out: the answer still has its tasks

        assertThat(settled.get(10, TimeUnit.SECONDS)).isEqualTo(tasks);
    }

    /** The poll is open once another thread's await has begun; reserving is how a transaction would find out. */
    private void waitUntilOpen() throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!poll.reserve()) {
            assertThat(System.nanoTime() - giveUp).as("the poll never waited").isNegative();
            Thread.onSpinWait();
        }
        poll.release();
    }

    private boolean await(Duration limit) {
        try {
            return poll.await(limit);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<AgentTaskView> settle() {
        try {
            return poll.settle();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
