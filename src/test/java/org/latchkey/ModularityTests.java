package org.latchkey;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
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
	 * Only the entry points (pages, console, OpenID Connect) see a request:
	 * every other module takes and returns plain values, so that any entry point, or a test, can call it.
	 */
	@Test
	void useCasesAndWhatTheyStandOnSeeNoServletType() {
		noClasses().that()
			.resideInAnyPackage("org.latchkey.account..", "org.latchkey.audit..", "org.latchkey.factor..",
					"org.latchkey.policy..", "org.latchkey.secret..", "org.latchkey.session..", "org.latchkey.signin..",
					"org.latchkey.lockout..", "org.latchkey.recovery..", "org.latchkey.selfservice..",
					"org.latchkey.stepup..", "org.latchkey.mail..", "org.latchkey.sms..", "org.latchkey.outbox..",
					"org.latchkey.system..", "org.latchkey.forwardauth..",
					"org.latchkey.verify..", "org.latchkey.sso..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("jakarta.servlet..", "org.springframework.web.context.request..")
			.check(mainClasses());
	}

	/**
	 * The house drawn in docs/architecture.md: every dependency points down a layer or stays within one (where
	 * {@link #modulesRespectTheirBoundaries()} forbids cycles), so no module calls back up into what uses it.
	 */
	@Test
	void dependenciesPointDownTheLayers() {
		layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("entry points")
			.definedBy("org.latchkey.web..", "org.latchkey.admin..", "org.latchkey.oidc..",
					"org.latchkey.operations..")
			.layer("use cases")
			.definedBy("org.latchkey.recovery..", "org.latchkey.selfservice..", "org.latchkey.stepup..",
					"org.latchkey.signin..", "org.latchkey.lockout..", "org.latchkey.forwardauth..",
					"org.latchkey.verify..", "org.latchkey.sso..")
			.layer("factors and sessions").definedBy("org.latchkey.factor..", "org.latchkey.session..")
			.layer("accounts").definedBy("org.latchkey.account..")
			.layer("delivery").definedBy("org.latchkey.mail..", "org.latchkey.sms..", "org.latchkey.outbox..")
			.layer("foundation")
			.definedBy("org.latchkey.policy..", "org.latchkey.audit..", "org.latchkey.secret..", "org.latchkey.system..")
			.whereLayer("entry points").mayNotBeAccessedByAnyLayer()
			.whereLayer("use cases").mayOnlyBeAccessedByLayers("entry points")
			.whereLayer("factors and sessions").mayOnlyBeAccessedByLayers("entry points", "use cases")
			.whereLayer("accounts").mayOnlyBeAccessedByLayers("entry points", "use cases", "factors and sessions")
			.whereLayer("delivery")
			.mayOnlyBeAccessedByLayers("entry points", "use cases", "factors and sessions", "accounts")
			.whereLayer("foundation")
			.mayOnlyBeAccessedByLayers("entry points", "use cases", "factors and sessions", "accounts", "delivery")
			.check(mainClasses());
	}

	private static JavaClasses mainClasses() {
		return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("org.latchkey");
	}

	@Test
	void theModulesOfTheDesignExist() {
		assertThat(this.modules.stream().map(module -> module.getIdentifier().toString()))
			.contains("web", "admin", "oidc", "signin", "lockout", "recovery", "selfservice", "stepup", "factor",
					"session", "account", "mail", "sms", "outbox", "policy", "audit", "secret", "system", "forwardauth",
					"verify", "operations", "sso");
	}

	@Test
	void writesTheModuleDocumentation() {
		new Documenter(this.modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
	}

}
