package io.quartermaster.api.tenancy;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The caller's OpenSSH public keys ({@code GET/PUT /api/v1/users/me/ssh-keys}), one per entry as in an
 * {@code authorized_keys} line without options: {@code <type> <base64> [comment]}. Machines ordered
 * afterwards get them (with the owner's user name) through cloud-init; a PUT replaces the whole list.
 */
public record SshKeys(@NotNull @Size(max = SshKeys.MAX_KEYS) List<@NotNull @Size(max = SshKeys.MAX_KEY_CHARS) String> keys) {

    public static final int MAX_KEYS = 16;
    public static final int MAX_KEY_CHARS = 8192;
}
