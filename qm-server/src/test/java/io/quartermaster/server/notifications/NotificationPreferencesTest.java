package io.quartermaster.server.notifications;

import static io.quartermaster.server.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.quartermaster.api.notifications.NotificationStatus;
import io.quartermaster.server.support.Api.Auth;
import io.quartermaster.server.support.Api.Response;
import io.quartermaster.server.support.Fixtures;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Each user chooses their optional mail at {@code /api/v1/users/me/notification-preferences}; the choice
 * is audited and decides what is skipped. A user without an e-mail address gets nothing, and system
 * administrators can see why in {@code /api/v1/notifications}.
 */
class NotificationPreferencesTest extends NotificationTestBase {

    static final String PREFERENCES = "/api/v1/users/me/notification-preferences";

    @Test
    void everythingIsOnUntilTheUserChoosesOtherwise() {
        Auth uma = userAuth("fresh", address("fresh"));

        JsonNode preferences = api.get(uma, PREFERENCES).json();

        assertThat(preferences.path("leaseReminders").asBoolean()).isTrue();
        assertThat(preferences.path("approvalRequests").asBoolean()).isTrue();
        assertThat(preferences.path("version").asLong()).isZero();
    }

    @Test
    void aChoiceIsKeptVersionedAndAudited() {
        Auth uma = userAuth("chooser", address("chooser"));

        Response first = put(uma, Map.of("leaseReminders", false, "approvalRequests", true));
        Response second = put(uma, Map.of("leaseReminders", false, "approvalRequests", false, "version", 1));

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(second.json().path("version").asLong()).isEqualTo(2);
        JsonNode read = api.get(uma, PREFERENCES).json();
        assertThat(read.path("leaseReminders").asBoolean()).isFalse();
        assertThat(read.path("approvalRequests").asBoolean()).isFalse();
        JsonNode event = auditOf(second);
        assertThat(event.path("action").asString()).isEqualTo("notification-preferences.update");
        assertThat(event.path("actor").asString()).isEqualTo(uma.name());
        assertThat(event.path("role").asString()).isEqualTo("SELF");
        assertThat(event.path("targetId").asString()).isEqualTo(fixtures.userId(uma).toString());
        assertThat(event.path("outcome").asString()).isEqualTo("Success");
        assertThat(event.path("details").asString()).isEqualTo("leaseReminders=false, approvalRequests=false");
    }

    @Test
    void anIncompleteWronglyTypedUnknownOrStaleChoiceIsRefusedSayingWhy() {
        Auth uma = userAuth("sloppy", address("sloppy"));

        Response missing = put(uma, Map.of("leaseReminders", false));
        Response wrongType = put(uma, Map.of("leaseReminders", "no", "approvalRequests", true));
        Response unknown = put(uma, Map.of("leaseReminders", false, "approvalRequests", true, "digest", "weekly"));
        put(uma, Map.of("leaseReminders", true, "approvalRequests", true));
        Response stale = put(uma, Map.of("leaseReminders", false, "approvalRequests", true, "version", 0));

        assertProblem(missing, 400, "ValidationFailed");
        assertThat(missing.json().path("errors").get(0).path("field").asString()).isEqualTo("approvalRequests");
        assertProblem(wrongType, 400, "InvalidFieldValue");
        assertThat(wrongType.json().path("errors").get(0).path("field").asString()).isEqualTo("leaseReminders");
        assertProblem(unknown, 400, "UnknownField");
        assertProblem(stale, 409, "Conflict");
        assertThat(auditOf(stale).path("outcome").asString()).isEqualTo("Conflict");
        assertThat(api.get(uma, PREFERENCES).json().path("leaseReminders").asBoolean()).isTrue();
    }

    @Test
    void optingOutOfRemindersSkipsRemindersAndWarningsButNotWhatAlwaysGoes() {
        String address = address("quiet");
        Auth quiet = userAuth("quiet", address);
        UUID id = fixtures.userId(quiet);
        put(quiet, Map.of("leaseReminders", false, "approvalRequests", true));
        UUID machine = UUID.randomUUID();

        notifyCommitted(Notice.leaseReminder(id, machine, "quiet-01", Instant.now()));
        notifyCommitted(Notice.destructionWarning(id, machine, "quiet-01", Instant.now()));
        notifyCommitted(Notice.machineExpired(id, machine, "quiet-01", Instant.now(), Instant.now()));
        notifyCommitted(Notice.approvalWaiting(id, UUID.randomUUID(), "uma", "Small", 1, null, null));

        eventually("the mail that always goes arrives", () -> messagesTo(address).size() == 2);
        assertThat(messagesTo(address)).extracting(message -> message.getSubject())
                .containsExactlyInAnyOrder("Your machine quiet-01 expired and is powered off",
                        "Approval needed: uma asks for 1 x Small");
        assertThat(rowsOf(id)).extracting(Row::kind, Row::status, Row::statusReason).contains(
                tuple(NoticeKind.LEASE_REMINDER, NotificationStatus.SKIPPED, "OptedOut"),
                tuple(NoticeKind.DESTRUCTION_WARNING, NotificationStatus.SKIPPED, "OptedOut"));
    }

    @Test
    void optingOutOfApprovalRequestsSkipsThem() {
        Auth busy = userAuth("busy", address("busy"));
        UUID id = fixtures.userId(busy);
        put(busy, Map.of("leaseReminders", true, "approvalRequests", false));

        notifyCommitted(Notice.approvalWaiting(id, UUID.randomUUID(), "uma", "Small", 1, null, null));

        assertThat(onlyRowOf(id)).extracting(Row::status, Row::statusReason)
                .containsExactly(NotificationStatus.SKIPPED, "OptedOut");
    }

    @Test
    void aUserWithoutAnEmailAddressIsSkippedWithTheReasonAndAdministratorsCanSeeIt() {
        UUID silent = user("no-mail", null);

        notifyCommitted(Notice.machineReady(silent, UUID.randomUUID(), "silent-01", "console", null));

        assertThat(onlyRowOf(silent)).extracting(Row::status, Row::statusReason, Row::attempts)
                .containsExactly(NotificationStatus.SKIPPED, "NoEmailAddress", 0);
        JsonNode listed = api.get(Fixtures.ADMIN, "/api/v1/notifications?status=SKIPPED&recipient=" + silent).json();
        assertThat(listed.path("total").asLong()).isOne();
        assertThat(listed.path("items").get(0).path("statusReason").asString()).isEqualTo("NoEmailAddress");
        assertThat(listed.path("items").get(0).path("subject").asString()).isEqualTo("Your machine silent-01 is ready");
        assertProblem(api.get(Fixtures.ADMIN, "/api/v1/notifications?status=LOST"), 400, "InvalidParameter");
    }

    @Test
    void aDisabledUserOrAnUnknownOneGetsNothing() {
        Auth gone = userAuth("disabled", address("disabled"));
        UUID id = fixtures.userId(gone);
        api.patch(Fixtures.ADMIN, "/api/v1/users/" + id, Map.of("enabled", false));
        UUID nobody = UUID.randomUUID();

        notifyCommitted(Notice.machineReady(id, UUID.randomUUID(), "m", "console", null));
        notifyCommitted(Notice.machineReady(nobody, UUID.randomUUID(), "m", "console", null));

        assertThat(onlyRowOf(id).statusReason()).isEqualTo("AccountDisabled");
        assertThat(onlyRowOf(nobody).statusReason()).isEqualTo("UnknownRecipient");
    }

    private Response put(Auth auth, Map<String, Object> body) {
        return api.sendJson(auth, "PUT", PREFERENCES, body);
    }

    private JsonNode auditOf(Response response) {
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        JsonNode events = api.get(Fixtures.ADMIN, "/api/v1/audit?requestId=" + requestId).json().path("items");
        assertThat(events).hasSize(1);
        return events.get(0);
    }
}
