package org.latchkey.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real nginx (Debian's {@code nginx} package) started by a test with the configuration of
 * docs/forward-auth.md, in front of a site of the test's and of Latchkey: the server block is read from the
 * document's {@code nginx} code block, with its addresses replaced by the test's, and wrapped in what nginx needs
 * to run as an unprivileged process from a temporary directory. Stopped with {@link #close()}.
 */
final class Nginx implements AutoCloseable {

	/** Where Debian installs it; found on the {@code PATH} too. */
	private static final List<Path> PLACES = List.of(Path.of("/usr/sbin/nginx"), Path.of("/usr/bin/nginx"));

	private static final Pattern BLOCK = Pattern.compile("```nginx\\n(.*?)```", Pattern.DOTALL);

	private final Process process;

	private final Path directory;

	private final int port;

	private Nginx(Process process, Path directory, int port) {
		this.process = process;
		this.directory = directory;
		this.port = port;
	}

	/** The nginx binary, when this machine has one. */
	static Optional<Path> binary() {
		Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
			.filter(dir -> !dir.isEmpty())
			.map(dir -> Path.of(dir, "nginx"));
		return Stream.concat(PLACES.stream(), onPath).filter(Files::isExecutable).findFirst();
	}

	/** The server block of docs/forward-auth.md, as a reader would copy it. */
	static String documentedServerBlock() {
		try {
			String document = Files.readString(Path.of("docs", "forward-auth.md"));
			Matcher block = BLOCK.matcher(document);
			if (!block.find()) {
				throw new AssertionError("docs/forward-auth.md has no nginx block");
			}
			return block.group(1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts nginx listening on 127.0.0.1 for {@code host}, asking Latchkey at {@code latchkeyPort} and passing
	 * requests to the site at {@code sitePort}.
	 */
	static Nginx start(String host, int latchkeyPort, int sitePort) throws IOException, InterruptedException {
		Path nginx = binary().orElseThrow();
		int port = freePort();
		Path directory = Files.createTempDirectory("latchkey-nginx");
		String server = documentedServerBlock().replace("listen 443 ssl;", "listen 127.0.0.1:" + port + ";")
			.replace("server_name wiki.example.com;", "server_name " + host + ";")
			.replace("127.0.0.1:8080", "127.0.0.1:" + latchkeyPort)
			.replace("127.0.0.1:3000", "127.0.0.1:" + sitePort);
		String temp = directory.toString();
		String configuration = (("root".equals(System.getProperty("user.name"))) ? "user root;\n" : "")
				+ "worker_processes 1;\npid " + temp + "/nginx.pid;\nerror_log " + temp + "/error.log warn;\n"
				+ "events { worker_connections 64; }\n" + "http {\n    access_log off;\n"
				+ "    client_body_temp_path " + temp + "/body;\n    proxy_temp_path " + temp + "/proxy;\n"
				+ "    fastcgi_temp_path " + temp + "/fastcgi;\n    uwsgi_temp_path " + temp + "/uwsgi;\n"
				+ "    scgi_temp_path " + temp + "/scgi;\n" + server + "}\n";
		Path file = directory.resolve("nginx.conf");
		Files.writeString(file, configuration, StandardCharsets.UTF_8);
		Process process = new ProcessBuilder(nginx.toString(), "-p", temp, "-c", file.toString(), "-e",
				temp + "/error.log", "-g", "daemon off;")
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("output.log").toFile())
			.start();
		Nginx started = new Nginx(process, directory, port);
		started.awaitListening();
		return started;
	}

	int port() {
		return this.port;
	}

	private void awaitListening() throws IOException, InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("nginx stopped: " + log());
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
				return;
			}
			catch (IOException ex) {
				Thread.sleep(50);
			}
		}
		close();
		throw new IllegalStateException("nginx did not listen: " + log());
	}

	String log() throws IOException {
		StringBuilder log = new StringBuilder();
		for (String name : List.of("output.log", "error.log")) {
			Path file = this.directory.resolve(name);
			if (Files.exists(file)) {
				log.append(Files.readString(file));
			}
		}
		return log.toString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			this.process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
