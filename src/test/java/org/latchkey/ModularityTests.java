package org.latchkey;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/** The feature modules of DESIGN.md reach each other only through their public faces, and never in a cycle. */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(LatchkeyApplication.class);

	@Test
	void modulesRespectTheirBoundaries() {
		this.modules.verify();
	}

	@Test
	void theModulesOfTheDesignExist() {
		assertThat(this.modules.stream().map(module -> module.getIdentifier().toString()))
			.contains("account", "audit", "session", "signin", "web", "secret");
	}

	@Test
	void writesTheModuleDocumentation() {
		new Documenter(this.modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
	}

}
