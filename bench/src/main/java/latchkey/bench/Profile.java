package latchkey.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the server's CPU goes during one load run: a JDK Flight Recorder recording (started and stopped in
 * the running server with {@code jcmd}), its execution samples split into the password hash and the rest, and
 * the rest summarised by top frame, by the first Latchkey frame below it and by area; plus the kernel's CPU
 * time per thread group (request threads, garbage collector, JIT compiler), which samples do not see.
 */
final class Profile {

	private static final int TOP = 15;

	final String scenario;

	/** What one completion of the scenario is: a sign-in, a check. */
	final String unit;

	final Path recording;

	int samples;

	int hashSamples;

	final Map<String, Integer> leaves = new HashMap<>();

	final Map<String, Integer> latchkeyFrames = new HashMap<>();

	final Map<String, Integer> areas = new HashMap<>();

	final Map<String, Double> threadGroups = new LinkedHashMap<>();

	int completed;

	/** When the profiled run began: the samples before it are the recorder's warm-up. */
	private Instant from;

	private Profile(String scenario, String unit, Path recording) {
		this.scenario = scenario;
		this.unit = unit;
		this.recording = recording;
	}

	/**
	 * Runs the load twice under the recorder and keeps the second run's samples: starting a recording makes the JVM
	 * compile again much of what it had compiled (a scratch run counted 5,761 methods in 10 s), so the first run's
	 * samples would catch code running unoptimised.
	 */
	static Profile record(String scenario, String unit, Server server, Path recording, Callable<Run> load)
			throws Exception {
		Profile profile = new Profile(scenario, unit, recording);
		jcmd(server.pid(), "JFR.start", "name=bench", "settings=profile");
		load.call();
		profile.from = Instant.now();
		Map<Long, Proc.ThreadCpu> before = Proc.threads(server.pid());
		Run run = load.call();
		Map<Long, Proc.ThreadCpu> after = Proc.threads(server.pid());
		jcmd(server.pid(), "JFR.stop", "name=bench", "filename=" + recording.toAbsolutePath());
		profile.completed = run.figures().get("completed").intValue();
		after.forEach((id, thread) -> {
			double used = thread.cpuSeconds() - (before.containsKey(id) ? before.get(id).cpuSeconds() : 0);
			profile.threadGroups.merge(group(thread.name()), used, Double::sum);
		});
		profile.analyse();
		return profile;
	}

	private void analyse() throws IOException {
		try (RecordingFile file = new RecordingFile(this.recording)) {
			while (file.hasMoreEvents()) {
				RecordedEvent event = file.readEvent();
				if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || event.getStackTrace() == null
						|| event.getStartTime().isBefore(this.from)) {
					continue;
				}
				List<RecordedFrame> frames = event.getStackTrace().getFrames();
				if (frames.isEmpty()) {
					continue;
				}
				this.samples++;
				if (frames.stream().anyMatch(frame -> isHash(name(frame)))) {
					this.hashSamples++;
					continue;
				}
				String leaf = name(frames.get(0));
				this.leaves.merge(leaf, 1, Integer::sum);
				this.areas.merge(area(leaf), 1, Integer::sum);
				// a filter wraps every request: below it, the sample is the framework's or a template's work
				String latchkey = frames.stream().map(Profile::name).filter(name -> name.startsWith("org.latchkey."))
					.findFirst().filter(name -> !name.endsWith(".doFilterInternal") && !name.endsWith(".doFilter"))
					.orElse("(none: framework, templates or filters only)");
				this.latchkeyFrames.merge(latchkey, 1, Integer::sum);
			}
		}
	}

	/** The most frequent entries of a count, most frequent first. */
	static List<Map.Entry<String, Integer>> top(Map<String, Integer> counts) {
		List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
		entries.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
		return entries.subList(0, Math.min(TOP, entries.size()));
	}

	private static boolean isHash(String frame) {
		return frame.startsWith("org.latchkey.account.internal.Argon2id") || frame.startsWith("org.bouncycastle.crypto.");
	}

	private static String name(RecordedFrame frame) {
		return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
	}

	private static String area(String frame) {
		String[][] areas = { { "org.thymeleaf.", "templates (Thymeleaf)" }, { "org.attoparser.", "templates (Thymeleaf)" },
				{ "org.h2.", "database (H2, in process)" }, { "org.postgresql.", "database driver (PostgreSQL JDBC)" },
				{ "com.zaxxer.hikari.", "connection pool" }, { "org.springframework.security.", "Spring Security" },
				{ "org.springframework.session.", "Spring Session" }, { "org.springframework.jdbc.", "Spring JDBC" },
				{ "org.springframework.", "Spring (other)" }, { "org.apache.", "Tomcat / HTTP" },
				{ "jakarta.mail.", "mail (Jakarta Mail)" }, { "org.eclipse.angus.", "mail (Jakarta Mail)" },
				{ "ch.qos.logback.", "logging" }, { "org.slf4j.", "logging" }, { "org.latchkey.", "Latchkey" },
				{ "com.fasterxml.", "JSON (Jackson)" }, { "tools.jackson.", "JSON (Jackson)" },
				{ "sun.security.", "JDK crypto" }, { "com.sun.crypto.", "JDK crypto" }, { "javax.crypto.", "JDK crypto" },
				{ "java.util.regex.", "JDK regex" }, { "sun.nio.", "JDK I/O" }, { "java.io.", "JDK I/O" },
				{ "java.nio.", "JDK I/O" }, { "java.", "JDK (other)" }, { "jdk.", "JDK (other)" }, { "sun.", "JDK (other)" } };
		for (String[] area : areas) {
			if (frame.startsWith(area[0])) {
				return area[1];
			}
		}
		return "other";
	}

	private static String group(String thread) {
		if (thread.startsWith("http-nio")) {
			return "request threads (http-nio-*)";
		}
		if (thread.startsWith("GC ") || thread.startsWith("G1 ") || thread.startsWith("VM Thread")) {
			return "garbage collector and VM thread";
		}
		if (thread.contains("CompilerThre")) {
			return "JIT compilers";
		}
		if (thread.startsWith("JFR") || thread.startsWith("Attach")) {
			return "the recorder itself (JFR)";
		}
		return "other threads";
	}

	private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
		List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
				Long.toString(pid)));
		line.addAll(List.of(command));
		Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + output);
		}
	}

}
