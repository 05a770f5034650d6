package io.quartermaster.server.catalog;

import io.quartermaster.api.catalog.TemplateView;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Templates for other features (placement, requests): a read, and the read check, without duplicating
 * the rules of who may see which template.
 */
@Service
public class TemplateDirectory {

    private final TemplateRepository templates;
    private final TemplateService service;

    TemplateDirectory(TemplateRepository templates, TemplateService service) {
        this.templates = templates;
        this.service = service;
    }

    /** The template if the caller may read it; NotFound otherwise. */
    @Transactional(readOnly = true)
    public TemplateView readable(UUID id) {
        return service.get(id);
    }

    /** The template, without any authorization. */
    @Transactional(readOnly = true)
    public Optional<TemplateView> find(UUID id) {
        return templates.find(id).map(Template::view);
    }
}
