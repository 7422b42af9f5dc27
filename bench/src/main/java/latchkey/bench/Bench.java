package latchkey.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's entry point ({@code bench/run.sh} builds the server and the fixture, then calls this): for
 * each database engine, a fresh server under load, and a report in {@code bench/results}.
 */
public final class Bench {

	private Bench() {
	}

	public static void main(String[] args) throws Exception {
		if (List.of(args).contains("--help")) {
			System.out.print(Config.USAGE);
			return;
		}
		Path root = Path.of(System.getProperty("latchkey.root", ".")).toAbsolutePath().normalize();
		Config config = Config.parse(args, root);
		if (!Files.isRegularFile(config.jar()) || !Files.isDirectory(config.fixture())) {
			throw new IllegalStateException("Build first: bench/run.sh builds " + config.jar() + " and " + config.fixture());
		}
		if (config.versus() != null) {
			Path report = new Versus(config, machine()).run();
			System.out.println("Wrote " + root.relativize(report) + " and its .json");
			return;
		}
		if (config.enumeration()) {
			for (String engine : config.engines()) {
				System.out.println("Wrote " + root.relativize(new EnumerationBench(config, engine).run()) + " and its .json");
			}
			return;
		}
		Map<String, String> machine = machine();
		int errors = 0;
		for (String engine : config.engines()) {
			Results results = new Results(engine);
			results.loadBefore = loadAverage();
			long start = System.nanoTime();
			new EngineBench(config, engine, results).run();
			results.elapsedSeconds = (System.nanoTime() - start) / 1e9;
			results.loadAfter = loadAverage();
			Path report = new Report(config, results, machine).write();
			System.out.println("Wrote " + root.relativize(report) + " and its .json");
			errors += results.errorSamples.size();
		}
		if (errors > 0) {
			System.err.println("Some steps failed: see the Errors section of the reports.");
			System.exit(1);
		}
	}

	static Map<String, String> machine() throws Exception {
		Map<String, String> machine = new LinkedHashMap<>();
		machine.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
		machine.put("model", Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
			.map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU"));
		String total = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\D", "");
		machine.put("memory", Math.round(Long.parseLong(total) / 1024.0 / 1024.0) + " GiB RAM");
		machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
		machine.put("java", System.getProperty("java.vm.version") + " (" + System.getProperty("java.vm.vendor") + ")");
		machine.put("driverVm", ManagementFactory.getRuntimeMXBean().getVmName());
		return machine;
	}

	static String loadAverage() throws Exception {
		String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
		return fields[0] + " " + fields[1] + " " + fields[2];
	}

}
