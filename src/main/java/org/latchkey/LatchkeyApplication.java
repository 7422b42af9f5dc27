package org.latchkey;

import java.util.List;

import org.latchkey.secret.MasterKeyRotation;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

@SpringBootApplication
public class LatchkeyApplication {

	public static void main(String[] args) {
		// the key rotation command opens no port: it runs beside the servers, with their settings
		boolean command = List.of(args).contains(MasterKeyRotation.COMMAND);
		new SpringApplicationBuilder(LatchkeyApplication.class)
			.web(command ? WebApplicationType.NONE : WebApplicationType.SERVLET)
			.run(args);
	}

}
