package org.latchkey.secret.internal;

import org.latchkey.secret.MasterKeyRotation;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar latchkey.jar rotate-master-key}: runs {@link MasterKeyRotation} with the server's own
 * settings and stops, before the server would do anything else at start.
 */
@Component
class MasterKeyRotationCommand implements ApplicationRunner {

	private final MasterKeyRotation rotation;

	private final ConfigurableApplicationContext context;

	MasterKeyRotationCommand(MasterKeyRotation rotation, ConfigurableApplicationContext context) {
		this.rotation = rotation;
		this.context = context;
	}

	@Override
	public void run(ApplicationArguments arguments) {
		if (arguments.getNonOptionArgs().contains(MasterKeyRotation.COMMAND)) {
			MasterKeyRotation.Result result = this.rotation.rotate();
			int status = (result.unreadable() == 0) ? 0 : 1;
			System.exit(SpringApplication.exit(this.context, () -> status));
		}
	}

}
