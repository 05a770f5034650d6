package io.quartermaster.server.identity;

import io.quartermaster.api.identity.CreateToken;
import io.quartermaster.api.identity.CreatedToken;
import io.quartermaster.api.identity.TokenView;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own personal API tokens. */
@RestController
@RequestMapping(path = "/api/v1/tokens", produces = MediaType.APPLICATION_JSON_VALUE)
class TokenController {

    private final ApiTokenService tokens;

    TokenController(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    @GetMapping
    List<TokenView> mine() {
        return tokens.mine();
    }

    /** Creates a token; the answer holds its secret, which is never shown again. */
    @PostMapping
    ResponseEntity<CreatedToken> create(@Valid @RequestBody CreateToken request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(tokens.create(request));
    }

    /** Revokes a token at once; it stays listed, marked revoked. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable UUID id) {
        tokens.revoke(id);
        return ResponseEntity.noContent().build();
    }
}
