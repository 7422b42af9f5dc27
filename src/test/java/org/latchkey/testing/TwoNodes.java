package org.latchkey.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.latchkey.LatchkeyApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two instances of the whole application, each on its own random port, sharing one database of the embedded
 * PostgreSQL server, one master key and one {@link TestClock}: a cluster behind a load balancer, as
 * {@code docs/operations.md} describes it, in one JVM. Tests send each step to the node they choose. Start it once
 * per test class (it takes as long as two application starts) and close it after.
 */
public final class TwoNodes implements AutoCloseable {

	private final TestClock clock = new TestClock();

	private final List<Node> nodes = new ArrayList<>();

	private TwoNodes() {
	}

	/**
	 * Starts two nodes on a new database.
	 * @param properties more {@code name=value} settings for both nodes
	 */
	public static TwoNodes start(String... properties) {
		TwoNodes cluster = new TwoNodes();
		List<String> shared = new ArrayList<>(List.of("spring.datasource.url=" + EmbeddedPostgresServer.newDatabase(),
				"spring.datasource.username=postgres", "spring.datasource.password=postgres",
				"spring.datasource.hikari.minimum-idle=1", "spring.datasource.hikari.maximum-pool-size=10",
				"latchkey.secret.master-key=" + randomKey(), "server.port=0", "spring.mail.host=127.0.0.1",
				"spring.mail.port=" + Mailbox.shared().port(), "spring.mail.properties.mail.smtp.starttls.enable=false",
				Mailbox.SMTP, Mailbox.FAST_DISPATCH));
		shared.addAll(List.of(properties));
		try {
			for (int i = 0; i < 2; i++) {
				cluster.nodes.add(cluster.startNode(shared));
			}
		}
		catch (RuntimeException ex) {
			cluster.close();
			throw ex;
		}
		return cluster;
	}

	private Node startNode(List<String> shared) {
		List<String> own = new ArrayList<>(shared);
		// each node has its own data directory, as each machine would: only the database and the key are shared
		own.add("latchkey.data-directory=" + temporaryDirectory());
		// as command-line arguments, which override application.properties as a deployment's settings would
		ConfigurableApplicationContext context = new SpringApplicationBuilder(LatchkeyApplication.class)
			.initializers(started -> ((GenericApplicationContext) started).registerBean("testClock", TestClock.class,
					() -> this.clock, definition -> definition.setPrimary(true)))
			.run(own.stream().map(property -> "--" + property).toArray(String[]::new));
		return new Node(context);
	}

	public Node first() {
		return this.nodes.get(0);
	}

	public Node second() {
		return this.nodes.get(1);
	}

	/** The node a step numbered {@code step} goes to when steps alternate between the nodes. */
	public Node forStep(int step) {
		return this.nodes.get(step % 2);
	}

	/** The clock both nodes read. */
	public TestClock clock() {
		return this.clock;
	}

	/** The mailbox both nodes send to. */
	public Mailbox mailbox() {
		return Mailbox.shared();
	}

	@Override
	public void close() {
		this.nodes.forEach(node -> node.context.close());
		this.nodes.clear();
	}

	private static String randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

	private static String temporaryDirectory() {
		try {
			return Files.createTempDirectory("latchkey-node-").toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** One running instance. */
	public static final class Node {

		private final ConfigurableApplicationContext context;

		Node(ConfigurableApplicationContext context) {
			this.context = context;
		}

		public int port() {
			return ((WebServerApplicationContext) this.context).getWebServer().getPort();
		}

		public <T> T bean(Class<T> type) {
			return this.context.getBean(type);
		}

		public JdbcClient jdbc() {
			return bean(JdbcClient.class);
		}

		/** A browser pointed at this node only. */
		public Browser browser() {
			return new Browser(port());
		}

		/** Stops this node, as a machine of the cluster shutting down, while the other one runs on. */
		public void close() {
			this.context.close();
		}

	}

}
