package io.quartermaster.server.tenancy;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each user's SSH public keys, in their order. */
@Repository
class SshKeyRepository {

    private final JdbcClient jdbc;

    SshKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<String> of(UUID userId) {
        return jdbc.sql("SELECT public_key FROM user_ssh_keys WHERE user_id = ? ORDER BY position").param(userId)
                .query(String.class).list();
    }

    void replace(UUID userId, List<String> keys) {
        jdbc.sql("DELETE FROM user_ssh_keys WHERE user_id = ?").param(userId).update();
        for (int i = 0; i < keys.size(); i++) {
            jdbc.sql("INSERT INTO user_ssh_keys (user_id, position, public_key) VALUES (?, ?, ?)")
                    .params(userId, i, keys.get(i)).update();
        }
    }
}
