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
import java.util.function.Function;

import static latchkey.bench.Report.fmt;
import static latchkey.bench.Report.spread;
import static latchkey.bench.Report.spreads;

/**
 * Writes {@code bench/results/<date>-versus-keycloak.md} (and the same figures as JSON): both servers' rows
 * side by side, and Latchkey's ratios against the goals of the comparison.
 */
final class VersusReport {

	/** Latchkey's sign-ins per server CPU-second must be at least this many times Keycloak's. */
	static final double CPU_GOAL = 2.5;

	/** Latchkey's resident memory must be under this share of Keycloak's. */
	static final double MEMORY_GOAL = 0.5;

	private final Config config;

	private final Map<String, String> machine;

	private final Versus.Side latchkey;

	private final Versus.Side keycloak;

	private final int users;

	private final int seeded;

	String loadBefore;

	String loadAfter;

	double elapsedSeconds;

	String latchkeyJvmOptions;

	double warmUpSeconds;

	/** Latchkey's side under JDK Flight Recorder, or null when it was not taken. */
	Profile profile;

	private final StringBuilder md = new StringBuilder();

	VersusReport(Config config, Map<String, String> machine, Versus.Side latchkey, Versus.Side keycloak, int users,
			int seeded) {
		this.config = config;
		this.machine = machine;
		this.latchkey = latchkey;
		this.keycloak = keycloak;
		this.users = users;
		this.seeded = seeded;
	}

	Path write() throws IOException {
		Files.createDirectories(this.config.results());
		String name = LocalDate.now(ZoneOffset.UTC) + "-versus-keycloak" + (this.config.quick() ? "-smoke" : "");
		Path markdown = this.config.results().resolve(name + ".md");
		Files.writeString(markdown, markdown());
		Files.writeString(this.config.results().resolve(name + ".json"), Json.write(json()));
		return markdown;
	}

	private String markdown() {
		line("# Latchkey beside " + this.keycloak.name + ": the OpenID Connect code flow, " + LocalDate.now(ZoneOffset.UTC));
		line("");
		if (this.config.quick()) {
			line("> **SMOKE RUN** (`--quick`): short runs and few users on a machine shared with other work. These figures");
			line("> show that the harness works; they are not the benchmark's results and must not be quoted.");
			line("");
		}
		line("- Command: `" + this.config.command() + "` (" + Math.round(this.elapsedSeconds) + " s)");
		line("- Machine: " + this.machine.get("cpus") + " CPUs (" + this.machine.get("model") + "), " + this.machine.get("memory")
				+ ", " + this.machine.get("os") + ", JDK " + this.machine.get("java") + " for both servers and the driver");
		line("- Load average before / after (other work on the machine shows here): " + this.loadBefore + " / " + this.loadAfter);
		line("- Equal at both: Argon2id at 7,168 KiB, 5 iterations, parallelism 1 (Latchkey " + this.latchkey.hash + "; Keycloak "
				+ this.keycloak.hash + "); TOTP with SHA-1, 6 digits, 30-second steps; " + String.format(Locale.ROOT, "%,d", this.seeded)
				+ " users with the same logins, password and authenticator secrets; a confidential application with the same redirect URI, "
				+ "PKCE S256 and `client_secret_basic`; a fresh H2 database inside each server's process (Latchkey's file database, "
				+ "Keycloak's `dev-file`), so each server's CPU includes its database's; 127.0.0.1, plain HTTP; the same driver and the same "
				+ "closed loop of " + this.users + " users.");
		line("- Different: each server's JVM options are its launcher's (Latchkey: `" + this.latchkeyJvmOptions
				+ "`, `MALLOC_ARENA_MAX=2`; Keycloak: what `kc.sh` gives, `-Xms64m -Xmx512m` and G1 outside a container); each server's "
				+ "own pages (Latchkey: the authorization request redirects to the sign-in page, the code page is read apart and the code "
				+ "leads back to the authorization request; Keycloak answers the authorization request with its sign-in page and the code "
				+ "with the redirect to the application); each hash floor is measured the way that server allows (Latchkey: its password "
				+ "encoder alone, in the process; Keycloak: admin password resets, each one hash, so its floor also holds the admin "
				+ "API's work and is an upper bound).");
		line("- Each figure: " + (this.config.runs() == 1 ? "one run" : "median of " + this.config.runs() + " runs (min to max in brackets)")
				+ " of " + this.config.seconds() + " s, after a warm-up of each server (" + this.warmUpSeconds + " s of the same load); the measured runs alternate between the servers. "
				+ "CPU is the server process's user + system time from `/proc/<pid>/stat` (for Keycloak, the Java process `kc.sh` starts).");
		line("");
		goals();
		sideBySide();
		latencies(this.latchkey);
		latencies(this.keycloak);
		profile();
		errors();
		return this.md.toString();
	}

	private void goals() {
		double cpu = this.latchkey.signInsPerCpuSecond() / this.keycloak.signInsPerCpuSecond();
		double start = this.latchkey.residentSettledMb / this.keycloak.residentSettledMb;
		double load = this.latchkey.residentAfterLoadMb / this.keycloak.residentAfterLoadMb;
		line("## Against the goals");
		line("");
		line("| goal | target | measured | met |");
		line("|---|---|---|---|");
		goal("sign-ins per server CPU-second, " + this.users + " users", "at least " + fmt(CPU_GOAL, 1) + " x Keycloak's",
				fmt(this.latchkey.signInsPerCpuSecond(), 1) + " / " + fmt(this.keycloak.signInsPerCpuSecond(), 1) + " = " + fmt(cpu, 2) + " x",
				cpu >= CPU_GOAL);
		goal("resident memory after start (settled, 6 s after ready)", "under half Keycloak's",
				fmt(this.latchkey.residentSettledMb, 0) + " / " + fmt(this.keycloak.residentSettledMb, 0) + " MB = "
						+ fmt(start, 2), start < MEMORY_GOAL);
		goal("resident memory after the load", "under half Keycloak's", fmt(this.latchkey.residentAfterLoadMb, 0) + " / "
				+ fmt(this.keycloak.residentAfterLoadMb, 0) + " MB = " + fmt(load, 2), load < MEMORY_GOAL);
		line("");
	}

	private void goal(String name, String target, String measured, boolean met) {
		line("| " + name + " | " + target + " | " + measured + " | " + (met ? "yes" : "**no**") + " |");
	}

	private void sideBySide() {
		line("## (g) The OpenID Connect code flow, " + this.users + " users, side by side");
		line("");
		line("| | Latchkey | " + this.keycloak.name + " |");
		line("|---|---|---|");
		row("sign-ins per server CPU-second", side -> fmt(side.signInsPerCpuSecond(), 1));
		row("sign-ins/s", side -> spread(side.signIn.get("perSecond"), 1));
		row("server CPU ms per sign-in", side -> spread(side.signIn.get("cpuMsPer"), 1));
		row("of which JIT compilers (ms)", side -> spread(side.signIn.get("compilerCpuMsPer"), 1));
		row("of which password hashes (ms)", metered(side -> spread(side.signIn.get("hashCpuMsPer"), 1)));
		row("a hash in the run over one of the floor (hashing threads' CPU)",
				metered(side -> Report.hashOverFloor(side.signIn, side.floor)));
		row("hash floor: server CPU ms per hash", side -> spread(side.floor.get("cpuMsPer"), 1));
		row("CPU per sign-in over the server's own floor", side -> fmt(side.ratioToFloor(), 2) + " x");
		row("whole sign-in p50 (ms)", side -> spread(side.signIn.get("whole sign-in p50"), 1));
		row("whole sign-in p95 (ms)", side -> spread(side.signIn.get("whole sign-in p95"), 1));
		row("whole sign-in p99 (ms)", side -> spread(side.signIn.get("whole sign-in p99"), 1));
		row("ready after launch, fresh database (s)", side -> fmt(side.readySeconds, 2));
		row("resident 1 s after ready (MB)", side -> fmt(side.residentAfterStartMb, 0));
		row("settled, 6 s after ready (MB)", side -> fmt(side.residentSettledMb, 0));
		row("resident after the load (MB)", side -> fmt(side.residentAfterLoadMb, 0));
		row("peak resident (MB)", side -> fmt(side.peakResidentMb, 0));
		row("driver CPU ms per sign-in", side -> spread(side.signIn.get("driverCpuMsPer"), 1));
		row("errors (most in a run)", side -> fmt(side.signIn.get("errors").max(), 0));
		row("waits for a fresh code step (most in a run)", side -> fmt(side.signIn.get("poolWaits").max(), 0));
		line("");
	}

	/** A figure of Latchkey's metered password hashes (the bench fixture's); Keycloak's are not metered. */
	private static Function<Versus.Side, String> metered(Function<Versus.Side, String> value) {
		return side -> side.signIn.containsKey("hashCpuMsPer") ? value.apply(side) : "not metered";
	}

	private void row(String name, Function<Versus.Side, String> value) {
		line("| " + name + " | " + value.apply(this.latchkey) + " | " + value.apply(this.keycloak) + " |");
	}

	private void latencies(Versus.Side side) {
		Report.latencyTable("Latency per step at " + side.name + " (ms)", side.signIn).forEach(this::line);
	}

	private void profile() {
		if (this.profile == null) {
			line("## Profile");
			line("");
			line("Not taken: Latchkey's CPU per sign-in stayed within 20 % of its floor"
					+ ("never".equals(this.config.profile()) ? " (or `--profile never`)." : "."));
			line("");
			return;
		}
		Report.profile(this.profile, this.config.work().getParent().getParent(), this::line);
	}

	private void errors() {
		line("## Errors");
		line("");
		if (this.latchkey.errors.isEmpty() && this.keycloak.errors.isEmpty()) {
			line("None: every step of every run answered as a browser and an application expect, at both servers.");
		}
		else {
			line("**Errors occurred** (first ones):");
			line("");
			for (Versus.Side side : List.of(this.latchkey, this.keycloak)) {
				side.errors.stream().distinct().limit(10).forEach(error -> line("- " + side.name + ": " + error));
			}
		}
		line("");
	}

	private Map<String, Object> json() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("scenario", "versus-keycloak");
		json.put("date", LocalDate.now(ZoneOffset.UTC).toString());
		json.put("smoke", this.config.quick());
		json.put("command", this.config.command());
		json.put("machine", this.machine);
		json.put("loadAverageBefore", this.loadBefore);
		json.put("loadAverageAfter", this.loadAfter);
		json.put("argon2", List.of(Versus.EQUAL_WORK[0], Versus.EQUAL_WORK[1], Versus.EQUAL_WORK[2]));
		json.put("runs", this.config.runs());
		json.put("runSeconds", this.config.seconds());
		json.put("users", this.users);
		json.put("seededUsers", this.seeded);
		json.put("latchkey", side(this.latchkey));
		json.put("keycloak", side(this.keycloak));
		Map<String, Object> ratios = new LinkedHashMap<>();
		ratios.put("signInsPerCpuSecond", this.latchkey.signInsPerCpuSecond() / this.keycloak.signInsPerCpuSecond());
		ratios.put("residentAfterStart", this.latchkey.residentAfterStartMb / this.keycloak.residentAfterStartMb);
		ratios.put("residentSettled", this.latchkey.residentSettledMb / this.keycloak.residentSettledMb);
		ratios.put("residentAfterLoad", this.latchkey.residentAfterLoadMb / this.keycloak.residentAfterLoadMb);
		json.put("latchkeyOverKeycloak", ratios);
		return json;
	}

	private static Map<String, Object> side(Versus.Side side) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("name", side.name);
		json.put("hash", side.hash);
		json.put("readySeconds", side.readySeconds);
		json.put("residentAfterStartMb", side.residentAfterStartMb);
		json.put("residentSettledMb", side.residentSettledMb);
		json.put("residentAfterLoadMb", side.residentAfterLoadMb);
		json.put("peakResidentMb", side.peakResidentMb);
		json.put("hashFloor", spreads(side.floor));
		Map<String, Object> signIn = spreads(side.signIn);
		signIn.put("signInsPerCpuSecond", side.signInsPerCpuSecond());
		signIn.put("ratioToFloor", side.ratioToFloor());
		json.put("codeFlowSignIn", signIn);
		json.put("errors", side.errors);
		return json;
	}

	private void line(String text) {
		this.md.append(text).append('\n');
	}

}
