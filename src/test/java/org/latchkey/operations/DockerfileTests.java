package org.latchkey.operations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container image's recipe, checked for what makes it fit for production, since no image can be built here
 * (no registry to pull the base from): a Temurin JRE base, a user of its own that is not root, {@code /data} as
 * the volume and the only place it owns, a health check that asks the server's readiness, the launcher as the
 * entry point, whose JVM options size the memory as on any host.
 */
class DockerfileTests {

	private static final Path DOCKERFILE = Path.of("Dockerfile");

	private final List<String> instructions = instructions();

	@Test
	void theBaseIsATemurinJre() {
		assertThat(only("FROM")).matches("eclipse-temurin:\\d+-jre(-\\S+)?");
	}

	@Test
	void theServerRunsAsAUserOfItsOwnThatIsNotRoot() {
		String user = only("USER");
		assertThat(user).isNotBlank().doesNotStartWith("root").doesNotStartWith("0");
		assertThat(all("RUN")).anySatisfy(run -> assertThat(run).contains("useradd", "latchkey")
			.contains("chown latchkey:latchkey /data"));
		// USER comes after everything that needs root, and before the entry point
		assertThat(indexOf("USER")).isGreaterThan(lastIndexOf("RUN")).isLessThan(indexOf("ENTRYPOINT"));
	}

	@Test
	void dataIsTheVolumeAndWhereTheServerKeepsItsFiles() {
		assertThat(only("VOLUME")).contains("/data");
		assertThat(only("WORKDIR")).isEqualTo("/");
		assertThat(only("ENV")).contains("LATCHKEY_DATA_DIR=data");
	}

	@Test
	void theHealthCheckAsksTheLauncherForReadiness() throws IOException {
		assertThat(only("HEALTHCHECK")).contains("--interval=", "--timeout=", "--start-period=")
			.contains("CMD [\"/opt/latchkey/bin/latchkey\", \"healthcheck\"]");
		assertThat(Files.readString(Path.of("src/dist/bin/latchkey"))).contains("/actuator/health/readiness");
	}

	@Test
	void theLauncherIsTheEntryPointAndIsCopiedExecutable() {
		assertThat(only("ENTRYPOINT")).isEqualTo("[\"/opt/latchkey/bin/latchkey\"]");
		assertThat(all("COPY")).contains("--chmod=0755 bin/latchkey /opt/latchkey/bin/latchkey",
				"--chmod=0644 lib/latchkey.jar /opt/latchkey/lib/latchkey.jar");
	}

	@Test
	void theLaunchersMemoryOptionsApplyInTheImage() throws IOException {
		assertThat(only("ENV")).doesNotContain("LATCHKEY_JVM_OPTS");
		assertThat(Files.readString(Path.of("src/dist/bin/latchkey"))).contains("-XX:+UseSerialGC")
			.contains("-Xmx${heap_mb}m")
			.contains("-Xmn${young_mb}m")
			.contains("-XX:+ExitOnOutOfMemoryError")
			.contains("-XX:TrimNativeHeapInterval=1000");
	}

	@Test
	void theManagementPortIsExposedApartFromTheApplicationPort() {
		assertThat(only("EXPOSE").split(" ")).containsExactly("8080", "9464");
	}

	private String only(String keyword) {
		List<String> found = all(keyword);
		assertThat(found).as(keyword).hasSize(1);
		return found.get(0);
	}

	private List<String> all(String keyword) {
		return this.instructions.stream()
			.filter(line -> line.toUpperCase(Locale.ROOT).startsWith(keyword + " "))
			.map(line -> line.substring(keyword.length() + 1).strip())
			.toList();
	}

	private int indexOf(String keyword) {
		return this.instructions.stream().map(line -> line.split(" ")[0]).toList().indexOf(keyword);
	}

	private int lastIndexOf(String keyword) {
		return this.instructions.stream().map(line -> line.split(" ")[0]).toList().lastIndexOf(keyword);
	}

	/** The instructions, one a line: comments dropped, continued lines joined. */
	private static List<String> instructions() {
		try {
			String text = Files.readString(DOCKERFILE);
			return List.of(text.replaceAll("(?m)^\\s*#.*\\n", "").replace("\\\n", " ").split("\n"))
				.stream()
				.map(line -> line.strip().replaceAll("\\s+", " "))
				.filter(line -> !line.isEmpty())
				.toList();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
