package org.latchkey.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * The servers every application of a test run talks to: one {@link Mailbox} and one {@link SmsProviderStub}, each
 * started once per JVM on a free port. As an initializer it hands their addresses to an application context (a
 * test class's own {@code @TestPropertySource} still wins) and remembers the context; as a JUnit extension, once
 * every test of the run is over, it closes the contexts still open (Spring's cache would close them only in the
 * JVM's shutdown hook, after the servers they use), then the servers and the embedded PostgreSQL server, so that
 * the JVM ends at once.
 */
public final class SharedServers
		implements ApplicationContextInitializer<ConfigurableApplicationContext>, BeforeAllCallback {

	private static final List<ConfigurableApplicationContext> openContexts = new CopyOnWriteArrayList<>();

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		openContexts.add(context);
		context.addApplicationListener((ContextClosedEvent closed) -> openContexts.remove(context));
		MapPropertySource servers = new MapPropertySource("latchkeySharedServers",
				Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port", Mailbox.shared().port(),
						"spring.mail.properties.mail.smtp.starttls.enable", "false", "latchkey.sms.twilio-base-url",
						SmsProviderStub.shared().baseUrl(), "latchkey.sms.twilio-verify-base-url",
						SmsProviderStub.shared().baseUrl()));
		MutablePropertySources sources = context.getEnvironment().getPropertySources();
		if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
			sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, servers);
		}
		else {
			sources.addFirst(servers);
		}
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		// the root store closes what it holds when the whole run is over
		context.getRoot().getStore(ExtensionContext.Namespace.create(SharedServers.class)).computeIfAbsent(Closer.class);
	}

	/** Closes the run's servers. */
	static final class Closer implements AutoCloseable {

		@Override
		public void close() {
			openContexts.forEach(ConfigurableApplicationContext::close);
			Mailbox.closeShared();
			SmsProviderStub.closeShared();
			EmbeddedPostgresServer.close();
		}

	}

}
