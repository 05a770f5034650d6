package io.quartermaster.server.tenancy;

import io.quartermaster.api.tenancy.SshKeys;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own SSH public keys, which machines ordered afterwards get through cloud-init. */
@RestController
@RequestMapping(path = "/api/v1/users/me/ssh-keys", produces = MediaType.APPLICATION_JSON_VALUE)
class SshKeyController {

    private final SshKeyService keys;

    SshKeyController(SshKeyService keys) {
        this.keys = keys;
    }

    @GetMapping
    SshKeys get() {
        return keys.mine();
    }

    @PutMapping
    SshKeys put(@Valid @RequestBody SshKeys request) {
        return keys.replaceMine(request);
    }
}
