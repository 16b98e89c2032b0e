package dev.reveal;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Fails the build on a cycle between areas or on one area reaching into another's internals. */
class ModularityTest {

    @Test
    void areasHaveNoCyclesAndUseOnlyEachOthersApi() {
        ApplicationModules.of(RevealApplication.class).verify();
    }
}
