package io.quartermaster.server.images;

import io.quartermaster.server.platform.web.BodyLimit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Image uploads are gigabytes: they get their own body limit, {@code qm.images.max-upload-bytes}. */
@Configuration
class ImageConfig {

    static final String UPLOAD_PATH = "/api/v1/images";

    @Bean
    BodyLimit imageUploadLimit(@Value("${qm.images.max-upload-bytes:274877906944}") long maxUploadBytes) {
        return new BodyLimit("POST", UPLOAD_PATH, maxUploadBytes);
    }
}
