package latchkey.bench;

/** A server process whose CPU time and resident memory the bench reads from {@code /proc}. */
interface MeasuredProcess {

	long pid();

	default double cpuSeconds() {
		return Proc.cpuSeconds(pid());
	}

	default double residentMb() {
		return Proc.residentMb(pid(), false);
	}

	default double peakResidentMb() {
		return Proc.residentMb(pid(), true);
	}

}
