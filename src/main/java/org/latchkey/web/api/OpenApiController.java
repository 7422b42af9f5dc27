package org.latchkey.web.api;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The OpenAPI 3.1 document of the API, a file written by hand beside the code it describes; no key needed. */
@RestController
class OpenApiController {

	private static final Resource DOCUMENT = new ClassPathResource("api/openapi.json");

	@GetMapping(path = ApiKeyFilter.OPENAPI, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Resource> document() {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(DOCUMENT);
	}

}
