package io.quartermaster.agent.driver.libvirt;

import io.quartermaster.agent.driver.DriverException;
import java.util.Optional;
import java.util.Set;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;

/** Turns libvirt's failures into {@link DriverException}s and "not found" into empty answers. */
final class LibvirtCalls {

    /** Failures of the connection or the daemon, not of the request: trying again later may help. */
    private static final Set<ErrorNumber> UNAVAILABLE = Set.of(ErrorNumber.VIR_ERR_NO_CONNECT, ErrorNumber.VIR_ERR_RPC,
            ErrorNumber.VIR_ERR_SYSTEM_ERROR, ErrorNumber.VIR_ERR_INTERNAL_ERROR, ErrorNumber.VIR_ERR_OPERATION_TIMEOUT,
            ErrorNumber.VIR_ERR_AGENT_UNRESPONSIVE);

    private LibvirtCalls() {}

    @FunctionalInterface
    interface Call<T> {
        T run() throws LibvirtException;
    }

    @FunctionalInterface
    interface Action {
        void run() throws LibvirtException;
    }

    static <T> T call(String what, Call<T> call) {
        try {
            return call.run();
        } catch (LibvirtException e) {
            throw failure(what, e);
        }
    }

    static void run(String what, Action action) {
        call(what, () -> {
            action.run();
            return null;
        });
    }

    /** The answer, or empty when libvirt says the thing is not there ({@code notFound}). */
    static <T> Optional<T> find(String what, ErrorNumber notFound, Call<T> call) {
        try {
            return Optional.ofNullable(call.run());
        } catch (LibvirtException e) {
            if (code(e) == notFound) {
                return Optional.empty();
            }
            throw failure(what, e);
        }
    }

    static ErrorNumber code(LibvirtException e) {
        return e.getError() == null ? null : e.getError().getCode();
    }

    static DriverException failure(String what, LibvirtException e) {
        ErrorNumber code = code(e);
        boolean retryable = code == null || UNAVAILABLE.contains(code);
        return new DriverException(retryable ? "HypervisorUnavailable" : "HypervisorRefused",
                what + " failed: " + e.getMessage(), retryable, e);
    }
}
