package org.latchkey.outbox.internal;

import java.time.Duration;

import org.latchkey.secret.SealedColumns;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeliverySettings.class)
class OutboxConfiguration {

	/** The bodies of the messages not sent yet, which may hold a code or a link. */
	@Bean
	SealedColumns outboxMessageBodies() {
		return new SealedColumns("outbox_message", "id", "sealed_body");
	}

	/** Sends each message as its transaction commits; stopping waits up to 10 s for those being sent. */
	@Bean
	ImmediateDispatch immediateDispatch(OutboxDispatcher dispatcher) {
		return new ImmediateDispatch(dispatcher::dispatchIfDue, Duration.ofSeconds(10));
	}

}
