package latchkey.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Latchkey server under test: the packaged jar, started as an operator would ({@code java}, environment
 * variables, a fresh data directory, loopback), plus the benchmark fixture on its class path. Start-up is
 * timed from just before the process is launched to the first {@code UP} from {@code /actuator/health}.
 */
final class Server implements AutoCloseable {

	private static final HttpClient health = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private final Process process;

	private final int port;

	private final int controlPort;

	private final double readySeconds;

	private final Path log;

	private Server(Process process, int port, int controlPort, double readySeconds, Path log) {
		this.process = process;
		this.port = port;
		this.controlPort = controlPort;
		this.readySeconds = readySeconds;
		this.log = log;
	}

	/**
	 * Starts a server in {@code directory} (its data directory and log) and waits until it is ready.
	 * @param jvmOptions options of its JVM
	 * @param database the environment of its database
	 * @param properties system properties (Argon2id cost, ...)
	 */
	static Server start(Config config, List<String> jvmOptions, Path directory, Map<String, String> database,
			Map<String, String> properties)
			throws IOException, InterruptedException {
		Files.createDirectories(directory);
		int port = freePort();
		int controlPort = freePort();
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-Dloader.path=" + config.fixture().toAbsolutePath());
		command.add("-Dlatchkey.bench.control-port=" + controlPort);
		properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
		command.addAll(List.of("-cp", config.jar().toAbsolutePath().toString(),
				"org.springframework.boot.loader.launch.PropertiesLauncher"));
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
		builder.environment().put("SERVER_PORT", Integer.toString(port));
		builder.environment().put("SERVER_ADDRESS", "127.0.0.1");
		// the metrics port too: another server on the machine may hold the default one
		builder.environment().put("LATCHKEY_MANAGEMENT_PORT", Integer.toString(freePort()));
		builder.environment().put("LATCHKEY_BASE_URL", "http://127.0.0.1:" + port);
		builder.environment().put("LATCHKEY_DATA_DIR", directory.resolve("data").toAbsolutePath().toString());
		builder.environment().put("LATCHKEY_MASTER_KEY", masterKey());
		builder.environment().putAll(database);
		Path log = directory.resolve("server.log");
		builder.redirectErrorStream(true).redirectOutput(log.toFile());
		long launched = System.nanoTime();
		Process process = builder.start();
		// an interrupted benchmark (Ctrl-C) leaves no server behind
		Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
		Server server = null;
		try {
			double ready = waitUntilReady(process, port, launched, log);
			server = new Server(process, port, controlPort, ready, log);
			return server;
		}
		finally {
			if (server == null) {
				process.destroyForcibly();
			}
		}
	}

	private static double waitUntilReady(Process process, int port, long launched, Path log)
			throws InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
			.timeout(Duration.ofSeconds(2))
			.build();
		long deadline = launched + TimeUnit.SECONDS.toNanos(180);
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("The server stopped during start-up; see " + log);
			}
			try {
				HttpResponse<String> response = health.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
					return (System.nanoTime() - launched) / 1e9;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			Thread.sleep(10);
		}
		throw new IllegalStateException("The server was not ready within 180 s; see " + log);
	}

	int port() {
		return this.port;
	}

	int controlPort() {
		return this.controlPort;
	}

	long pid() {
		return this.process.pid();
	}

	Path log() {
		return this.log;
	}

	/** Seconds from launch to the first healthy answer. */
	double readySeconds() {
		return this.readySeconds;
	}

	double cpuSeconds() {
		return Proc.cpuSeconds(pid());
	}

	double residentMb() {
		return Proc.residentMb(pid(), false);
	}

	double peakResidentMb() {
		return Proc.residentMb(pid(), true);
	}

	/** Stops the server as an operator would (SIGTERM), then kills it if it does not stop. */
	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String masterKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}
