package io.quartermaster.api.identity;

/**
 * The answer to creating a token: the only time its secret is shown. Send it as
 * {@code Authorization: Bearer <secret>}.
 */
public record CreatedToken(TokenView token, String secret) {}
