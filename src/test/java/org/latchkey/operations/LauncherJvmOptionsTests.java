package org.latchkey.operations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's JVM options ({@code bin/latchkey jvm-options}, what the benchmark runs the server with too) start
 * the JVM it runs on, and ask a JVM for the native heap's trimming only from the updates that know the option. The
 * server's start, and only the server's, adds the switch to the build's ahead-of-time bean definitions.
 */
class LauncherJvmOptionsTests {

	private static final String TRIM = "-XX:TrimNativeHeapInterval=1000";

	private static final String AOT = "-Dspring.aot.enabled=true";

	@TempDir
	Path work;

	@Test
	void theOptionsStartTheJvmTheLauncherRunsOn() throws Exception {
		String home = System.getProperty("java.home");
		List<String> options = jvmOptions(Map.of("JAVA_HOME", home));
		List<String> command = new ArrayList<>(List.of(Path.of(home, "bin", "java").toString()));
		command.addAll(options);
		command.add("-version");

		assertThat(options).contains("-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError")
			.anySatisfy(option -> assertThat(option).matches("-Xmx\\d+m"))
			.anySatisfy(option -> assertThat(option).matches("-Xmn\\d+m"));
		assertThat(run(command, Map.of()).exitCode()).isZero();
	}

	@Test
	void onlyJvmsThatKnowTheOptionAreAskedToTrimTheNativeHeap() throws Exception {
		assertThat(jvmOptions(Map.of("JAVA_HOME", jdk("17.0.8+7").toString()))).doesNotContain(TRIM);
		assertThat(jvmOptions(Map.of("JAVA_HOME", jdk("18.0.2+9").toString()))).doesNotContain(TRIM);
		assertThat(jvmOptions(Map.of("JAVA_HOME", jdk("21.0.2+13").toString()))).doesNotContain(TRIM);
		assertThat(jvmOptions(Map.of("JAVA_HOME", jdk("17.0.11+9").toString()))).contains(TRIM);
		assertThat(jvmOptions(Map.of("JAVA_HOME", jdk("21.0.3+9-LTS").toString()))).contains(TRIM);
		assertThat(jvmOptions(Map.of("JAVA_HOME", jdk("25+36").toString()))).contains(TRIM);
	}

	@Test
	void optionsSetByTheOperatorReplaceThemAll() throws Exception {
		assertThat(jvmOptions(Map.of("LATCHKEY_JVM_OPTS", "-Xmx512m -Dfile.encoding=UTF-8")))
			.containsExactly("-Xmx512m", "-Dfile.encoding=UTF-8");
	}

	@Test
	void theServerStartsFromTheAheadOfTimeBeanDefinitionsAndTheCommandsDoNot() throws Exception {
		Map<String, String> echoing = Map.of("JAVA_HOME", echoingJdk().toString(), "LATCHKEY_STARTUP_CACHE", "off");

		assertThat(javaArguments(echoing)).contains(AOT).endsWith("-jar", launcherJar());
		assertThat(javaArguments(echoing, "rotate-master-key")).doesNotContain(AOT).endsWith("rotate-master-key");
		assertThat(javaArguments(echoing, "--server.port=9000")).doesNotContain(AOT);
	}

	@Test
	void aManagementPortOnTheApplicationPortStartsTheServerWithoutThem() throws Exception {
		Map<String, String> echoing = Map.of("JAVA_HOME", echoingJdk().toString(), "LATCHKEY_STARTUP_CACHE", "off");

		assertThat(javaArguments(with(echoing, "LATCHKEY_MANAGEMENT_PORT", "8080"))).doesNotContain(AOT);
		assertThat(javaArguments(with(with(echoing, "SERVER_PORT", "9000"), "LATCHKEY_MANAGEMENT_PORT", "9000")))
			.doesNotContain(AOT);
		assertThat(javaArguments(with(echoing, "LATCHKEY_MANAGEMENT_PORT", "9000"))).contains(AOT);
	}

	/** A JDK of this test's version whose {@code java} prints its arguments, one per line, instead of running. */
	private Path echoingJdk() throws IOException {
		Path home = Files.createDirectories(this.work.resolve("echoing-jdk"));
		Files.writeString(home.resolve("release"), "JAVA_RUNTIME_VERSION=\"" + Runtime.version() + "\"\n");
		Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
		Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
		Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
		return home;
	}

	private List<String> javaArguments(Map<String, String> environment, String... arguments) throws Exception {
		List<String> command = new ArrayList<>(List.of("bash", "src/dist/bin/latchkey"));
		command.addAll(List.of(arguments));
		Ran ran = run(command, environment);
		assertThat(ran.exitCode()).as(ran.output()).isZero();
		return ran.output().lines().toList();
	}

	private static String launcherJar() throws IOException {
		return Path.of("src/dist").toRealPath().resolve("lib/latchkey.jar").toString();
	}

	private static Map<String, String> with(Map<String, String> environment, String name, String value) {
		Map<String, String> more = new HashMap<>(environment);
		more.put(name, value);
		return more;
	}

	/** A JDK whose release file names this runtime version; its {@code java} is this test's. */
	private Path jdk(String runtimeVersion) throws IOException {
		Path home = Files.createDirectories(this.work.resolve("jdk-" + runtimeVersion));
		Files.writeString(home.resolve("release"), "JAVA_RUNTIME_VERSION=\"" + runtimeVersion + "\"\n");
		Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
		Files.writeString(java, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' \"$@\"\n");
		Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
		return home;
	}

	private List<String> jvmOptions(Map<String, String> environment) throws Exception {
		Ran ran = run(List.of("bash", "src/dist/bin/latchkey", "jvm-options"), environment);
		assertThat(ran.exitCode()).as(ran.output()).isZero();
		return ran.output().lines().toList();
	}

	private Ran run(List<String> command, Map<String, String> environment) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().keySet().removeAll(List.of("LATCHKEY_JVM_OPTS", "SERVER_PORT", "LATCHKEY_MANAGEMENT_PORT"));
		builder.environment().put("LATCHKEY_ENV_FILE", this.work.resolve("no.env").toString());
		builder.environment().putAll(environment);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
		return new Ran(process.exitValue(), output);
	}

	private record Ran(int exitCode, String output) {
	}

}
