package org.latchkey.secret.internal;

import org.latchkey.secret.MasterKeyRotation;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar latchkey.jar rotate-master-key}: runs {@link MasterKeyRotation} with the server's own
 * settings; its exit status (1 when a value could not be opened) is what the command's JVM exits with
 * ({@code LatchkeyApplication.runCommand}).
 */
@Component
class MasterKeyRotationCommand implements ApplicationRunner, ExitCodeGenerator {

	private final MasterKeyRotation rotation;

	private int status;

	MasterKeyRotationCommand(MasterKeyRotation rotation) {
		this.rotation = rotation;
	}

	@Override
	public void run(ApplicationArguments arguments) {
		if (arguments.getNonOptionArgs().contains(MasterKeyRotation.COMMAND)) {
			MasterKeyRotation.Result result = this.rotation.rotate();
			this.status = (result.unreadable() == 0) ? 0 : 1;
		}
	}

	@Override
	public int getExitCode() {
		return this.status;
	}

}
