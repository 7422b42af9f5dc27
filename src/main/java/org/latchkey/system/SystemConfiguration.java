package org.latchkey.system;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SystemSettings.class)
class SystemConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * Background work (the outbox's dispatch, expiries, pruning, signing-key rotation) runs in servers only: a
	 * command of the jar does its one job beside them and exits, and leaves theirs to them.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "latchkey.background-work", matchIfMissing = true)
	@EnableScheduling
	static class Scheduling {

	}

}
