package io.quartermaster.server.tenancy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/** Well-formed OpenSSH public key lines for tests (random key data: never a real key). */
public final class SshKeysTestKeys {

    private SshKeysTestKeys() {}

    public static String ed25519(String comment) {
        return key("ssh-ed25519", 32) + " " + comment;
    }

    /** A public key line of the type whose blob holds the type name and {@code bytes} of key data. */
    public static String key(String type, int bytes) {
        try {
            var blob = new ByteArrayOutputStream();
            var out = new DataOutputStream(blob);
            byte[] name = type.getBytes(StandardCharsets.US_ASCII);
            out.writeInt(name.length);
            out.write(name);
            byte[] data = new byte[bytes];
            new Random(bytes).nextBytes(data);
            out.writeInt(data.length);
            out.write(data);
            return type + " " + Base64.getEncoder().encodeToString(blob.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
