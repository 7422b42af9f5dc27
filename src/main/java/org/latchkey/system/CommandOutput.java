package org.latchkey.system;

import java.io.PrintStream;

/**
 * Where a command of the jar ({@code rotate-master-key}, {@code admin-recover}) prints what its operator reads:
 * the terminal, or what a test hands {@code LatchkeyApplication.runCommand}. It is a bean only in a command's run.
 */
public record CommandOutput(PrintStream out) {

	/** Prints one line at once. */
	public void println(String line) {
		this.out.println(line);
		this.out.flush();
	}

}
