package org.latchkey.operations;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/**
 * The version this server runs, from the build's {@code META-INF/build-info.properties} (also in
 * {@code /actuator/info} on the management port), for the console's footer. A server started from an IDE without
 * that file says {@code development}.
 */
@Component("runningVersion")
public class RunningVersion {

	private final String version;

	RunningVersion(ObjectProvider<BuildProperties> build) {
		BuildProperties properties = build.getIfAvailable();
		this.version = (properties != null && properties.getVersion() != null) ? properties.getVersion()
				: "development";
	}

	/** The version, such as {@code 0.2.0}. */
	public String version() {
		return this.version;
	}

}
