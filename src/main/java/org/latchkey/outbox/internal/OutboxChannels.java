package org.latchkey.outbox.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.latchkey.outbox.OutboxChannel;

import org.springframework.stereotype.Component;

/** The channels of the application, by the name stored with their messages. */
@Component
class OutboxChannels {

	private final Map<String, OutboxChannel> byName;

	OutboxChannels(List<OutboxChannel> channels) {
		this.byName = channels.stream().collect(Collectors.toUnmodifiableMap(OutboxChannel::name, Function.identity()));
	}

	/** The channel of this name, if the application has one. */
	public Optional<OutboxChannel> find(String name) {
		return Optional.ofNullable(this.byName.get(name));
	}

	/** The recipient as the console and the log may show it; hidden entirely when its channel is unknown. */
	public String mask(String channel, String recipient) {
		return find(channel).map(found -> found.mask(recipient)).orElse("***");
	}

}
