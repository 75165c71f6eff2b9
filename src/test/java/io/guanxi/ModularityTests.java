package io.guanxi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The module boundaries hold, and docs/architecture.md shows the modules as they are. */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(Guanxi.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules)
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
        assertThat(Path.of("target/spring-modulith-docs/components.puml")).exists();
    }

    @Test
    void architectureDocumentListsEveryModuleWithItsAllowedDependencies() throws IOException {
        String doc = Files.readString(Path.of("docs/architecture.md"));
        String table = modules.stream()
                .sorted((a, b) ->
                        a.getIdentifier().toString().compareTo(b.getIdentifier().toString()))
                .map(ModularityTests::row)
                .collect(Collectors.joining("\n"));
        assertThat(doc)
                .as("docs/architecture.md must contain this table:\n%s", table)
                .contains(table);
    }

    private static String row(ApplicationModule module) {
        Package pkg = Package.getPackage(module.getBasePackage().getName());
        org.springframework.modulith.ApplicationModule annotation = module.getBasePackage()
                .getAnnotation(org.springframework.modulith.ApplicationModule.class)
                .orElse(null);
        String allowed = annotation == null
                ? "(any)"
                : annotation.type() == org.springframework.modulith.ApplicationModule.Type.OPEN
                        ? "(open: any module may use it)"
                        : Arrays.stream(annotation.allowedDependencies())
                                .sorted()
                                .collect(Collectors.joining(", "));
        return "| " + module.getIdentifier() + " | " + module.getDisplayName() + " | " + allowed + " |";
    }
}
