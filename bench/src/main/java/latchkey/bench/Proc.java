package latchkey.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What Linux says of a process in {@code /proc}: CPU time (user + system, of all its threads, counted by the
 * kernel, so no profiler or agent is needed) and resident memory.
 */
final class Proc {

	/** USER_HZ: the unit of the CPU times in {@code /proc/<pid>/stat}; 100 on every Linux build in use. */
	private static final double TICKS_PER_SECOND = 100.0;

	private Proc() {
	}

	/** CPU seconds the process has used so far. */
	static double cpuSeconds(long pid) {
		return ticks(Path.of("/proc", Long.toString(pid), "stat")) / TICKS_PER_SECOND;
	}

	/** CPU seconds of a process and of its current children (PostgreSQL's postmaster and backends). */
	static double treeCpuSeconds(long pid) {
		double total = cpuSeconds(pid);
		try (DirectoryStream<Path> all = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
			for (Path process : all) {
				try {
					String[] fields = afterName(Files.readString(process.resolve("stat")));
					if (Long.parseLong(fields[1]) == pid) {
						total += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
					}
				}
				catch (IOException | RuntimeException gone) {
					// a process that ended while we looked
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return total;
	}

	/** Resident memory in MB (10^6 bytes, as the goals are stated) ({@code VmRSS}), or its peak ({@code VmHWM}). */
	static double residentMb(long pid, boolean peak) {
		try {
			String key = peak ? "VmHWM:" : "VmRSS:";
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
				if (line.startsWith(key)) {
					return Long.parseLong(line.substring(key.length()).replace("kB", "").trim()) * 1024 / 1e6;
				}
			}
			throw new IllegalStateException("No " + key + " for " + pid);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * CPU seconds of the process's JIT compiler threads alive now (HotSpot names them {@code C1/C2 CompilerThread<n>}).
	 * The JVM may end an idle compiler thread, and its CPU with it, so a difference of two readings is a lower bound.
	 */
	static double compilerCpuSeconds(long pid) {
		return threads(pid).values().stream().filter(thread -> thread.name().contains("CompilerThre"))
			.mapToDouble(ThreadCpu::cpuSeconds).sum();
	}

	/** CPU seconds of each live thread of the process, by thread id, with its name. */
	static Map<Long, ThreadCpu> threads(long pid) {
		Map<Long, ThreadCpu> threads = new HashMap<>();
		try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
			for (Path task : tasks) {
				try {
					String name = Files.readString(task.resolve("comm")).trim();
					threads.put(Long.parseLong(task.getFileName().toString()),
							new ThreadCpu(name, ticks(task.resolve("stat")) / TICKS_PER_SECOND));
				}
				catch (IOException | RuntimeException gone) {
					// a thread that ended while we looked
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return threads;
	}

	private static long ticks(Path stat) {
		try {
			String[] fields = afterName(Files.readString(stat));
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The fields after {@code (comm)}, which may itself hold spaces: field 3 (state) is index 0. */
	private static String[] afterName(String stat) {
		return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
	}

	/** A thread's name and CPU seconds. */
	record ThreadCpu(String name, double cpuSeconds) {
	}

}
