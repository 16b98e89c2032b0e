package dev.reveal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Fails the build on a cycle between areas or on one area reaching into another's internals. */
class ModularityTest {

    /** Analysing the classes is the costly part: once for both tests. */
    private static final ApplicationModules AREAS = ApplicationModules.of(RevealApplication.class);

    @Test
    void areasHaveNoCyclesAndUseOnlyEachOthersApi() {
        AREAS.verify();
    }

    /**
     * Draws the areas and their arrows from the code into target/spring-modulith-docs (components.puml, one C4
     * diagram and canvas per area); docs/architecture holds the copy the README links.
     */
    @Test
    void drawsTheAreasAndTheirArrows() {
        new Documenter(AREAS).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml().writeModuleCanvases();

        assertThat(Path.of("target/spring-modulith-docs/components.puml")).content().contains("\"Catalog\"", "\"Settlement\"");
    }
}
