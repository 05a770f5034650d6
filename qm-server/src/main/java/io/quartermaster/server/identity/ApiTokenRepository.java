package io.quartermaster.server.identity;

import static io.quartermaster.server.platform.db.Sql.instant;
import static io.quartermaster.server.platform.db.Sql.ts;
import static io.quartermaster.server.platform.db.Sql.uuid;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ApiTokenRepository {

    private final JdbcClient jdbc;

    ApiTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** How often at most a token's last use is written. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    void insert(ApiToken token) {
        jdbc.sql("""
                INSERT INTO api_tokens (id, user_id, name, prefix, secret_hash, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(token.id(), token.userId(), token.name(), token.prefix(), token.secretHash(),
                        ts(token.createdAt()), ts(token.expiresAt()))
                .update();
    }

    Optional<ApiToken> findBySecretHash(String secretHash) {
        return jdbc.sql("SELECT * FROM api_tokens WHERE secret_hash = ?").param(secretHash)
                .query(ApiTokenRepository::map).optional();
    }

    /** Which of these secret hashes belong to a token not revoked, of a user that exists and is enabled. */
    List<String> liveAmong(List<String> secretHashes) {
        if (secretHashes.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT t.secret_hash FROM api_tokens t JOIN users u ON u.id = t.user_id
                WHERE t.secret_hash IN (:hashes) AND t.revoked_at IS NULL AND u.enabled""")
                .param("hashes", secretHashes).query(String.class).list();
    }

    Optional<ApiToken> find(UUID id) {
        return jdbc.sql("SELECT * FROM api_tokens WHERE id = ?").param(id).query(ApiTokenRepository::map).optional();
    }

    List<ApiToken> ofUser(UUID userId) {
        return jdbc.sql("SELECT * FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC").param(userId)
                .query(ApiTokenRepository::map).list();
    }

    boolean revoke(UUID id, Instant at) {
        return jdbc.sql("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                .params(ts(at), id).update() == 1;
    }

    /** Records use at most once a minute per token, so a busy script does not write on every call. */
    void touch(UUID id, Instant at) {
        jdbc.sql("UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)")
                .params(ts(at), id, ts(at.minus(TOUCH_EVERY))).update();
    }

    private static ApiToken map(ResultSet rs, int row) throws SQLException {
        return new ApiToken(uuid(rs, "id"), uuid(rs, "user_id"), rs.getString("name"), rs.getString("prefix"),
                rs.getString("secret_hash"), instant(rs, "created_at"), instant(rs, "expires_at"),
                instant(rs, "last_used_at"), instant(rs, "revoked_at"));
    }
}
