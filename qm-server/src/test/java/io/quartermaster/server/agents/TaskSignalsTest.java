package io.quartermaster.server.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** When a waiting poll may skip its first look: only while no host of the agent was signalled since it saw all. */
class TaskSignalsTest {

    private final TaskSignals signals = new TaskSignals();
    private final UUID agent = UUID.randomUUID();
    private final UUID host = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();

    @Test
    void anAgentThatNeverLookedMustLook() {
        assertThat(signals.nothingNewFor(agent, List.of(host))).isFalse();
    }

    @Test
    void aLookThatSawAllNeedsNoOtherUntilOneOfItsHostsIsSignalled() {
        signals.sawAll(agent, List.of(host), signals.mark());
        assertThat(signals.nothingNewFor(agent, List.of(host))).isTrue();

        signals.wake(other);
        assertThat(signals.nothingNewFor(agent, List.of(host))).as("another host's signal").isTrue();

        signals.wake(host);
        assertThat(signals.nothingNewFor(agent, List.of(host))).isFalse();
    }

    @Test
    void aSignalDuringTheLookIsNotTakenAsSeen() {
        long mark = signals.mark();
        signals.wake(host); // committed while the look ran: the look may not have seen it
        signals.sawAll(agent, List.of(host), mark);

        assertThat(signals.nothingNewFor(agent, List.of(host))).isFalse();
    }

    @Test
    void aSignalBeforeTheLookIsSeenByIt() {
        signals.wake(host);
        signals.sawAll(agent, List.of(host), signals.mark());

        assertThat(signals.nothingNewFor(agent, List.of(host))).isTrue();
    }

    @Test
    void aLookThatTookAsManyAsItAskedForOrForOtherHostsIsNoProof() {
        signals.sawAll(agent, List.of(host), signals.mark());
        assertThat(signals.nothingNewFor(agent, List.of(host, other))).as("other hosts").isFalse();

        signals.sawSome(agent);
        assertThat(signals.nothingNewFor(agent, List.of(host))).isFalse();
    }
}
