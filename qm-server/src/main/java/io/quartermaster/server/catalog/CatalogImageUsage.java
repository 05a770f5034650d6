package io.quartermaster.server.catalog;

import io.quartermaster.server.images.ImageUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Templates that build from an image keep it from being deleted. */
@Component
class CatalogImageUsage implements ImageUsage {

    private static final int NAMED = 5;

    private final TemplateRepository templates;

    CatalogImageUsage(TemplateRepository templates) {
        this.templates = templates;
    }

    @Override
    public List<String> usesOf(UUID imageId) {
        List<String> uses = new ArrayList<>(templates.namesUsingImage(imageId, NAMED).stream()
                .map(name -> "template '" + name + "'").toList());
        long more = templates.countUsingImage(imageId) - uses.size();
        if (more > 0) {
            uses.add(more + " more template(s)");
        }
        return uses;
    }
}
