package org.latchkey.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where requests come from.
 *
 * @param trustedProxies the addresses (or CIDR ranges, {@code 10.0.0.0/8}) of the reverse proxies or load
 * balancers in front of this server, whose {@code X-Forwarded-For} header is believed; empty by default, so
 * that the header of a request is ignored unless an administrator says who may set it
 */
@ConfigurationProperties("latchkey")
record ClientAddressSettings(List<String> trustedProxies) {

	ClientAddressSettings {
		trustedProxies = (trustedProxies != null) ? List.copyOf(trustedProxies) : List.of();
	}

}
