package io.quartermaster.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of notice renders to a one-line subject and a plain-text body that tells the reader what
 * they can do about it; a notice missing a value its message needs is refused where it is built.
 */
class NotificationMessagesTest {

    static final UUID READER = UUID.randomUUID();
    static final UUID MACHINE = UUID.randomUUID();
    static final UUID APPROVAL = UUID.randomUUID();
    static final UUID REQUEST = UUID.randomUUID();
    static final Instant MAY_4 = Instant.parse("2031-05-04T10:15:30Z");
    static final Instant MAY_11 = Instant.parse("2031-05-11T10:15:30Z");

    final MessageRenderer renderer = new MessageRenderer(new MailSettings(true, "qm@example.org",
            "https://qm.example/", Duration.ofSeconds(5), Duration.ofMillis(500), 8, Duration.ofSeconds(30), Duration.ofHours(1),
            Duration.ofDays(30)));

    record Case(Notice notice, String subject, String action) {
        @Override
        public String toString() {
            return notice.kind().name();
        }
    }

    static Stream<Case> everyKind() {
        String machine = "https://qm.example/api/v1/machines/" + MACHINE;
        return Stream.of(
                new Case(Notice.machineReady(READER, MACHINE, "uma-dev-01", "ssh uma@10.0.0.7", MAY_4),
                        "Your machine uma-dev-01 is ready", "POST " + machine + "/actions/extend-lease"),
                new Case(Notice.leaseReminder(READER, MACHINE, "uma-dev-01", MAY_4),
                        "The lease of uma-dev-01 ends on 2031-05-04 10:15 UTC", "POST " + machine + "/actions/extend-lease"),
                new Case(Notice.machineExpired(READER, MACHINE, "uma-dev-01", MAY_4, MAY_11),
                        "Your machine uma-dev-01 expired and is powered off", "POST " + machine + "/actions/restore"),
                new Case(Notice.destructionWarning(READER, MACHINE, "uma-dev-01", MAY_11),
                        "uma-dev-01 will be destroyed on 2031-05-11 10:15 UTC", "POST " + machine + "/actions/restore"),
                new Case(Notice.approvalWaiting(READER, APPROVAL, "uma", "Build server 4 GB", 3, "R&D", "load tests"),
                        "Approval needed: uma asks for 3 x Build server 4 GB",
                        "POST https://qm.example/api/v1/approvals/" + APPROVAL + "/approve"),
                new Case(Notice.requestDecided(READER, REQUEST, "Build server 4 GB", 3, false, "gary", "too many"),
                        "Your request for 3 x Build server 4 GB was rejected",
                        "GET https://qm.example/api/v1/requests/" + REQUEST),
                new Case(Notice.leaseExtensionWaiting(READER, APPROVAL, "uma", "uma-dev-01", 14, "R&D", null),
                        "Approval needed: uma asks for 14 more days for uma-dev-01",
                        "POST https://qm.example/api/v1/approvals/" + APPROVAL + "/reject"),
                new Case(Notice.leaseExtensionDecided(READER, MACHINE, "uma-dev-01", 14, true, "gary", null, MAY_11),
                        "The longer lease for uma-dev-01 was approved", "GET " + machine),
                new Case(Notice.machineFailed(READER, MACHINE, "uma-dev-01", "HostUnreachable", "no answer in 5 min"),
                        "Your machine uma-dev-01 failed: HostUnreachable", "POST " + machine + "/actions/retry"));
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void eachKindHasASubjectAndABodyNamingWhatTheReaderCanDo(Case example) {
        var message = renderer.render(example.notice().kind(), "Uma User", example.notice().model());

        assertThat(message.subject()).isEqualTo(example.subject());
        assertThat(message.body()).startsWith("Hello Uma User,\n\n").contains(example.action())
                .doesNotContain("[(", "${", "null").endsWith("\n");
    }

    @Test
    void optionalValuesAppearWhenGivenAndLeaveNoTraceWhenNot() {
        var withReason = renderer.render(NoticeKind.REQUEST_DECIDED, "Uma", Notice.requestDecided(READER, REQUEST,
                "Small", 1, true, "gary", "fine by me").model());
        var without = renderer.render(NoticeKind.REQUEST_DECIDED, "Uma", Notice.requestDecided(READER, REQUEST,
                "Small", 1, true, "gary", null).model());
        var permanent = renderer.render(NoticeKind.MACHINE_READY, "Uma", Notice.machineReady(READER, MACHINE, "m",
                "console only", null).model());

        assertThat(withReason.subject()).endsWith("was approved");
        assertThat(withReason.body()).contains("Reason given:\n  fine by me", "approved by gary", "being built");
        assertThat(without.body()).doesNotContain("Reason").doesNotContain("\n\n\n");
        assertThat(permanent.body()).contains("no lease end").doesNotContain("extend-lease");
        var extended = renderer.render(NoticeKind.LEASE_EXTENSION_DECIDED, "Uma", Notice.leaseExtensionDecided(READER,
                MACHINE, "m", 14, true, "gary", null, MAY_11).model());
        assertThat(extended.body()).contains("The lease now ends on 2031-05-11 10:15 UTC");
    }

    @Test
    void aLineBreakInAUserSuppliedNameCannotAddHeaderLines() {
        var message = renderer.render(NoticeKind.LEASE_REMINDER, "Uma", Notice.leaseReminder(READER, MACHINE,
                "evil\r\nBcc: everyone@example.org", MAY_4).model());

        assertThat(message.subject()).doesNotContain("\n", "\r").startsWith("The lease of evil Bcc:");
    }

    @Test
    void aNoticeMissingAValueOrNamingAnUnknownOneIsRefusedWhereItIsBuilt() {
        assertThatThrownBy(() -> new Notice(NoticeKind.LEASE_REMINDER, READER, Map.of("machineId", MACHINE,
                "machineName", "m", "leaseEnd", MAY_4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing values [leaseExpiresAt]")
                .hasMessageContaining("unknown values [leaseEnd]");
        assertThatThrownBy(() -> Notice.machineExpired(READER, MACHINE, "m", MAY_4, null))
                .hasMessageContaining("missing values [destroyAt]");
    }
}
