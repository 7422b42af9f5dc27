package latchkey.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One measured run of a scenario: what completed, how long each step took, what failed, and the CPU the
 * server (and the database server, when it is a process of its own) spent meanwhile.
 */
final class Run {

	private final Map<String, Queue<Long>> latencies = new ConcurrentHashMap<>();

	private final List<String> stepOrder = Collections.synchronizedList(new ArrayList<>());

	private final AtomicInteger completed = new AtomicInteger();

	private final AtomicInteger errors = new AtomicInteger();

	private final Queue<String> errorSamples = new ConcurrentLinkedQueue<>();

	double wallSeconds;

	double cpuSeconds;

	double databaseCpuSeconds = Double.NaN;

	/** The server's JIT compiler threads' share of {@link #cpuSeconds} (a lower bound, see {@link Proc#compilerCpuSeconds}). */
	double compilerCpuSeconds = Double.NaN;

	double driverCpuSeconds = Double.NaN;

	/** The password hashes the server made during the run, and their threads' CPU time in them. */
	Fixture.Hashes hashes;

	int poolWaits;

	private final Map<String, Double> extra = new LinkedHashMap<>();

	/** A figure measured another way than by steps (the hashing threads' own CPU time, for instance). */
	void figure(String name, double value) {
		this.extra.put(name, value);
	}

	/** Times one step. */
	<T> T step(String name, Step<T> step) throws Exception {
		long start = System.nanoTime();
		T result = step.run();
		time(name, System.nanoTime() - start);
		return result;
	}

	void time(String name, long nanos) {
		this.latencies.computeIfAbsent(name, any -> {
			this.stepOrder.add(name);
			return new ConcurrentLinkedQueue<>();
		}).add(nanos);
	}

	void completed() {
		this.completed.incrementAndGet();
	}

	void failed(Exception ex) {
		this.errors.incrementAndGet();
		if (this.errorSamples.size() < 5) {
			this.errorSamples.add(ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
	}

	int errors() {
		return this.errors.get();
	}

	List<String> errorSamples() {
		return List.copyOf(this.errorSamples);
	}

	List<String> steps() {
		synchronized (this.stepOrder) {
			return List.copyOf(this.stepOrder);
		}
	}

	/**
	 * The run's figures, by name: {@code perSecond}, {@code cpuMsPer}, {@code compilerCpuMsPer}, {@code databaseCpuMsPer},
	 * {@code hashesPer}, {@code hashCpuMsPer} (the hashes' CPU per sign-in), {@code hashCpuMsEach}, {@code errors},
	 * {@code poolWaits}, and {@code <step> p50|p95|p99} in milliseconds.
	 */
	Map<String, Double> figures() {
		Map<String, Double> figures = new LinkedHashMap<>();
		int done = this.completed.get();
		figures.put("completed", (double) done);
		figures.put("perSecond", done / this.wallSeconds);
		figures.put("cpuMsPer", 1000 * this.cpuSeconds / done);
		if (!Double.isNaN(this.compilerCpuSeconds)) {
			figures.put("compilerCpuMsPer", 1000 * this.compilerCpuSeconds / done);
		}
		if (!Double.isNaN(this.databaseCpuSeconds)) {
			figures.put("databaseCpuMsPer", 1000 * this.databaseCpuSeconds / done);
		}
		if (!Double.isNaN(this.driverCpuSeconds)) {
			figures.put("driverCpuMsPer", 1000 * this.driverCpuSeconds / done);
		}
		if (this.hashes != null) {
			figures.put("hashesPer", (double) this.hashes.count() / done);
			figures.put("hashCpuMsPer", 1000 * this.hashes.cpuSeconds() / done);
			if (this.hashes.count() > 0) {
				figures.put("hashCpuMsEach", 1000 * this.hashes.cpuSeconds() / this.hashes.count());
			}
		}
		figures.putAll(this.extra);
		figures.put("errors", (double) this.errors.get());
		figures.put("poolWaits", (double) this.poolWaits);
		for (String step : steps()) {
			long[] sorted = this.latencies.get(step).stream().mapToLong(Long::longValue).sorted().toArray();
			figures.put(step + " p50", percentile(sorted, 50));
			figures.put(step + " p95", percentile(sorted, 95));
			figures.put(step + " p99", percentile(sorted, 99));
		}
		return figures;
	}

	/** Nearest rank, in milliseconds. */
	static double percentile(long[] sorted, int percent) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
		return sorted[Math.max(0, rank - 1)] / 1e6;
	}

	/** The median, minimum and maximum of each figure over several runs. */
	static Map<String, Spread> summarise(List<Run> runs) {
		List<Map<String, Double>> all = runs.stream().map(Run::figures).toList();
		Map<String, Spread> summary = new LinkedHashMap<>();
		for (String name : all.get(0).keySet()) {
			double[] values = all.stream().mapToDouble(figures -> figures.getOrDefault(name, Double.NaN)).sorted().toArray();
			summary.put(name, Spread.of(values));
		}
		return summary;
	}

	/** A figure over several runs. */
	record Spread(double median, double min, double max, double[] values) {

		static Spread of(double[] sorted) {
			int n = sorted.length;
			double median = (n % 2 == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
			return new Spread(median, sorted[0], sorted[n - 1], sorted);
		}

		Map<String, Object> json() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("median", this.median);
			json.put("min", this.min);
			json.put("max", this.max);
			json.put("runs", Arrays.stream(this.values).boxed().toList());
			return json;
		}

	}

	/** A timed step. */
	interface Step<T> {

		T run() throws Exception;

	}

}
