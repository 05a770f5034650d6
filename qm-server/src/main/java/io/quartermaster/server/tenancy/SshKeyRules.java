package io.quartermaster.server.tenancy;

import io.quartermaster.server.platform.errors.QmException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks OpenSSH public keys as {@code authorized_keys} takes them, without options: {@code <type> <base64>
 * [comment]}. The base64 body must decode and name the same type inside (a key pasted with the wrong type
 * word, or cut short, is refused here rather than by the machine's sshd later).
 */
final class SshKeyRules {

    static final Set<String> TYPES = Set.of("ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
            "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com");

    private SshKeyRules() {}

    /** The keys, each on one line with single spaces, duplicates dropped; InvalidSshKey names the first bad one. */
    static List<String> normalized(List<String> keys) {
        Set<String> result = new LinkedHashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            result.add(normalized(keys.get(i), i + 1, keys.size()));
        }
        return new ArrayList<>(result);
    }

    private static String normalized(String key, int position, int count) {
        String line = key == null ? "" : key.strip();
        String[] parts = line.split("\\s+", 3);
        if (line.isEmpty() || line.contains("\n") || line.contains("\r")) {
            throw invalid(position, count, line, "is empty or spans several lines; give one key per entry");
        }
        String type = parts[0];
        if (!TYPES.contains(type)) {
            throw invalid(position, count, line, "does not start with a key type this server accepts ("
                    + String.join(", ", TYPES.stream().sorted().toList()) + "); options such as from=\"…\" are not"
                    + " accepted either");
        }
        if (parts.length < 2) {
            throw invalid(position, count, line, "has no key after its type");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw invalid(position, count, line, "is not valid base64 after its type");
        }
        if (!type.equals(innerType(blob))) {
            throw invalid(position, count, line, "says it is " + type + " but its key data is not (a cut or mixed-up"
                    + " key?)");
        }
        String comment = parts.length == 3 ? " " + parts[2].strip() : "";
        return type + " " + parts[1] + comment;
    }

    /** The type name a public key blob starts with (a uint32 length, then the name), or null. */
    private static String innerType(byte[] blob) {
        if (blob.length < 4) {
            return null;
        }
        int length = ByteBuffer.wrap(blob, 0, 4).getInt();
        if (length <= 0 || length > blob.length - 4 || length > 64) {
            return null;
        }
        return new String(blob, 4, length, StandardCharsets.US_ASCII);
    }

    private static QmException invalid(int position, int count, String line, String problem) {
        String shown = line.length() > 40 ? line.substring(0, 40) + "…" : line;
        return QmException.invalid("InvalidSshKey", "Key " + position + " of " + count + " ('" + shown + "') " + problem
                + ". Paste the line of your .pub file (ssh-keygen -y -f <private key> prints it).");
    }
}
