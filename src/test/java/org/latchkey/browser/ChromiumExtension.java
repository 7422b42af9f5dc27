package org.latchkey.browser;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives browser tests the run's one {@link Chromium}, closed when the run ends. Without Chromium and its
 * driver the tests are skipped on a developer's machine, and fail in CI ({@code CI=true}), where the
 * browser is installed on purpose and a skipped browser suite would hide that it never ran.
 */
final class ChromiumExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Chromium.class);

	private static final String MISSING = "Chromium and chromedriver are not on the PATH "
			+ "(Debian: apt-get install chromium chromium-driver)";

	@Override
	public void beforeAll(ExtensionContext context) {
		if (Chromium.Binaries.find().isEmpty() && "true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(MISSING + "; CI must run the browser tests");
		}
	}

	/** Aborts each test rather than the class, so that every browser test is counted as skipped. */
	@Override
	public void beforeEach(ExtensionContext context) {
		Assumptions.assumeTrue(Chromium.Binaries.find().isPresent(), MISSING + ": browser test skipped");
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == Chromium.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return context.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(Chromium.class, type -> Chromium.find().orElseThrow(), Chromium.class);
	}

}
