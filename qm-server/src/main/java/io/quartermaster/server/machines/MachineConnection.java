package io.quartermaster.server.machines;

import io.quartermaster.api.machines.MachineView;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How to reach a machine: the {@code address} (IPv4) and {@code console} hint its host's agent reports in
 * the result of {@code Wait-Running} (or in an inventory report), stored on the machine; and the view of
 * them, with the ssh command for its owner.
 */
final class MachineConnection {

    static final String WAIT_RUNNING = "Wait-Running";
    static final int MAX_CONSOLE_CHARS = 500;
    private static final Pattern IPV4 = Pattern.compile(
            "^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");

    private MachineConnection() {}

    /**
     * The columns a step result sets: {@code address} and {@code console} when the result names them (null
     * included: the machine has no address now); none when it says nothing about them. An address that is
     * not IPv4 is not stored.
     */
    static Map<String, Object> columns(Map<String, Object> result) {
        Map<String, Object> columns = new HashMap<>();
        if (result == null) {
            return columns;
        }
        if (result.containsKey("address")) {
            columns.put("address", address(result.get("address")));
        }
        if (result.containsKey("console")) {
            Object console = result.get("console");
            String text = console == null || console.toString().isBlank() ? null : console.toString().strip();
            columns.put("console", text == null || text.length() <= MAX_CONSOLE_CHARS ? text
                    : text.substring(0, MAX_CONSOLE_CHARS));
        }
        return columns;
    }

    /** The address if it is an IPv4 address, else null. */
    static String address(Object value) {
        return value != null && IPV4.matcher(value.toString().strip()).matches() ? value.toString().strip() : null;
    }

    static MachineView.Connection view(String address, String console, String owner) {
        if (address == null && console == null) {
            return MachineView.Connection.UNKNOWN;
        }
        return new MachineView.Connection(address, console, address == null ? null : "ssh " + owner + "@" + address);
    }
}
