package io.guanxi.imports;

import io.guanxi.imports.domain.ImportErasure;
import java.util.Collection;
import org.springframework.stereotype.Service;

/** What other modules may ask of the imports besides plugging in a record type. */
@Service
public class ImportApi {

    private final ImportErasure erasure;

    ImportApi(ImportErasure erasure) {
        this.erasure = erasure;
    }

    /**
     * Erasure of a person's data: import reports and previews that quote one of the values (the
     * person's phone, email, identity number, street ...) no longer do, and stored files that hold
     * one are deleted. Answers what changed.
     */
    public int forget(Collection<String> values) {
        return erasure.forget(values);
    }
}
