package io.quartermaster.api.catalog;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * When requests need approval. With {@code WHEN_EXCEEDS}, a request for more than
 * {@code maxCountWithoutApproval} machines, or a lease longer than {@code maxLeaseDaysWithoutApproval}
 * days, needs one (a limit left out does not apply).
 */
public record ApprovalPolicy(
        @NotNull ApprovalMode mode,
        @Positive Integer maxCountWithoutApproval,
        @Positive Integer maxLeaseDaysWithoutApproval) {

    public static final ApprovalPolicy NEVER = new ApprovalPolicy(ApprovalMode.NEVER, null, null);
}
