package com.fleetdesk;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(Application.class);

    @Test
    void modulesOnlyUseEachOthersPublicApi() {
        modules.verify();
    }

    @Test
    void featureModulesAreDetected() {
        assertThat(modules.stream().map(m -> m.getIdentifier().toString())).contains("base", "fleet");
    }
}
