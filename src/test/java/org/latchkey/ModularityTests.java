package org.latchkey;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feature modules of {@code docs/architecture.md} reach each other only through their public faces, and never
 * in a cycle.
 */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(LatchkeyApplication.class);

	@Test
	void modulesRespectTheirBoundaries() {
		this.modules.verify();
	}

	/**
	 * Only the entry points (pages, console, OpenID Connect, and the system's transport filters) see a request:
	 * every other module takes and returns plain values, so that any entry point, or a test, can call it.
	 */
	@Test
	void useCasesAndWhatTheyStandOnSeeNoServletType() {
		noClasses().that()
			.resideInAnyPackage("org.latchkey.account..", "org.latchkey.audit..", "org.latchkey.factor..",
					"org.latchkey.policy..", "org.latchkey.secret..", "org.latchkey.session..", "org.latchkey.signin..",
					"org.latchkey.lockout..", "org.latchkey.recovery..", "org.latchkey.selfservice..",
					"org.latchkey.stepup..", "org.latchkey.delivery..", "org.latchkey.mail..", "org.latchkey.sms..",
					"org.latchkey.outbox..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("jakarta.servlet..", "org.springframework.web.context.request..")
			.check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
				.importPackages("org.latchkey"));
	}

	@Test
	void theModulesOfTheDesignExist() {
		assertThat(this.modules.stream().map(module -> module.getIdentifier().toString()))
			.contains("account", "audit", "session", "signin", "lockout", "recovery", "selfservice", "stepup", "web",
					"secret");
	}

	@Test
	void writesTheModuleDocumentation() {
		new Documenter(this.modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
	}

}
