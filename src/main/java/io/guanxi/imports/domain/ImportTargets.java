package io.guanxi.imports.domain;

import io.guanxi.imports.ImportTarget;
import io.guanxi.shared.NotFoundException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** The record types that can be imported, each provided by the module that owns it. */
@Component
public class ImportTargets {

    private final Map<String, ImportTarget> byType = new TreeMap<>();

    ImportTargets(List<ImportTarget> targets) {
        targets.forEach(target -> byType.put(target.recordType(), target));
    }

    public ImportTarget get(String recordType) {
        ImportTarget target = byType.get(recordType);
        if (target == null) {
            throw NotFoundException.of("Record type", recordType);
        }
        return target;
    }

    public List<ImportTarget> all() {
        return List.copyOf(byType.values());
    }
}
