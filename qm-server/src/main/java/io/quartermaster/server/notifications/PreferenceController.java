package io.quartermaster.server.notifications;

import io.quartermaster.api.notifications.NotificationPreferences;
import io.quartermaster.api.notifications.UpdateNotificationPreferences;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own choice of optional e-mail (lease reminders, approval requests). */
@RestController
@RequestMapping(path = "/api/v1/users/me/notification-preferences", produces = MediaType.APPLICATION_JSON_VALUE)
class PreferenceController {

    private final PreferenceService preferences;

    PreferenceController(PreferenceService preferences) {
        this.preferences = preferences;
    }

    @GetMapping
    NotificationPreferences get() {
        return preferences.mine();
    }

    @PutMapping
    NotificationPreferences put(@Valid @RequestBody UpdateNotificationPreferences request) {
        return preferences.update(request);
    }
}
