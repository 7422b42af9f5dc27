package org.latchkey.web.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.ApiClient;
import org.latchkey.testing.ApiClient.Answer;
import org.latchkey.testing.Browser;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.MailScenarios;
import org.latchkey.testing.People;
import org.latchkey.testing.Totp;
import org.latchkey.verify.ApiKeys;
import org.latchkey.verify.ApiScope;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The OpenAPI document describes the API as it is: it holds together (every reference resolves, every path
 * variable is declared), it lists exactly the API's routes, and a client that follows it alone gets what it
 * says: the test walks the document, calls every operation as it describes it, and checks that the status is one
 * the operation documents and the body has the documented schema; without a key, each answers 401.
 */
@LatchkeyTest
class OpenApiDocumentTests extends MailScenarios {

	private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)\\}");

	@Autowired
	ApiKeys keys;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping handlers;

	@Test
	void theDocumentHoldsTogetherAndListsExactlyTheApisRoutes() {
		Answer answer = new ApiClient(this.port, null).get("/api/v1/openapi.json");
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.contentType()).startsWith("application/json");
		JsonNode document = answer.json();
		assertThat(document.get("openapi").asString()).isEqualTo("3.1.0");
		assertThat(document.get("info").get("title").asString()).isNotBlank();
		List<String> references = new ArrayList<>();
		collectReferences(document, references);
		assertThat(references).isNotEmpty().allSatisfy(reference -> assertThat(resolve(document, reference))
			.as(reference).isNotNull());

		Set<String> documented = new TreeSet<>();
		Set<String> operationIds = new TreeSet<>();
		for (Map.Entry<String, JsonNode> path : fields(document.get("paths")).entrySet()) {
			for (Map.Entry<String, JsonNode> operation : fields(path.getValue()).entrySet()) {
				documented.add(operation.getKey().toUpperCase() + " " + path.getKey());
				assertThat(operationIds.add(operation.getValue().get("operationId").asString())).isTrue();
				assertThat(operation.getValue().get("responses").size()).isPositive();
				Set<String> declared = new TreeSet<>();
				operation.getValue().path("parameters").forEach(parameter -> {
					if ("path".equals(parameter.get("in").asString())) {
						declared.add(parameter.get("name").asString());
					}
				});
				Set<String> variables = new TreeSet<>();
				for (Matcher variable = VARIABLE.matcher(path.getKey()); variable.find();) {
					variables.add(variable.group(1));
				}
				assertThat(declared).as(operation.getKey() + " " + path.getKey()).isEqualTo(variables);
			}
		}
		assertThat(documented).isEqualTo(apiRoutes());
	}

	@Test
	void everyOperationAnswersAsTheDocumentDescribes() {
		JsonNode document = new ApiClient(this.port, null).get("/api/v1/openapi.json").json();
		ApiClient api = new ApiClient(this.port,
				this.keys.create(People.unique("app"), "OpenAPI walker", EnumSet.allOf(ApiScope.class)).key());
		ApiClient keyless = api.as(null);
		String address = People.unique("walker") + "@example.com";
		String user = People.unique("user");
		Map<String, String> state = new LinkedHashMap<>();
		// how to call each operation, in the order of a client's scenario, from what the earlier calls gave
		Map<String, Function<Map<String, String>, Answer>> calls = new LinkedHashMap<>();
		calls.put("getOpenApi", s -> api.get("/api/v1/openapi.json"));
		calls.put("startVerification", s -> {
			Answer started = api.post("/api/v1/verifications", Map.of("channel", "email", "to", address));
			s.put("verification", started.text("id"));
			s.put("code", this.mailbox.nextCode(address));
			return started;
		});
		calls.put("getVerification", s -> api.get("/api/v1/verifications/" + s.get("verification")));
		calls.put("checkVerification", s -> api.post("/api/v1/verifications/" + s.get("verification") + "/check",
				Map.of("code", VerifyApiTests.otherThan(s.get("code")))));
		calls.put("cancelVerification",
				s -> api.post("/api/v1/verifications/" + s.get("verification") + "/cancel", Map.of()));
		calls.put("createTotp", s -> {
			Answer created = api.post("/api/v1/users/" + user + "/totp", Map.of("label", user));
			s.put("secret", created.text("secret"));
			return created;
		});
		calls.put("confirmTotp", s -> api.post("/api/v1/users/" + user + "/totp/confirm",
				Map.of("code", Totp.code(s.get("secret"), this.clock))));
		calls.put("checkTotp", s -> {
			this.clock.advance(Duration.ofSeconds(30));
			return api.post("/api/v1/users/" + user + "/totp/check",
					Map.of("code", Totp.code(s.get("secret"), this.clock)));
		});
		calls.put("deleteTotp", s -> api.delete("/api/v1/users/" + user + "/totp"));

		Map<String, String[]> operations = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> path : fields(document.get("paths")).entrySet()) {
			for (String method : fields(path.getValue()).keySet()) {
				String id = path.getValue().get(method).get("operationId").asString();
				assertThat(calls).as("the document describes " + id + ": the walk must call it").containsKey(id);
				operations.put(id, new String[] { method, path.getKey() });
			}
		}
		int walked = 0;
		for (Map.Entry<String, Function<Map<String, String>, Answer>> call : calls.entrySet()) {
			String id = call.getKey();
			assertThat(operations).as(id + " is in the document").containsKey(id);
			String method = operations.get(id)[0];
			String path = operations.get(id)[1];
			JsonNode operation = document.get("paths").get(path).get(method);
			Answer answer = call.getValue().apply(state);
			JsonNode response = operation.get("responses").get(Integer.toString(answer.status()));
			assertThat(response).as(id + " answered " + answer.status() + ", which it does not document: "
					+ answer.body()).isNotNull();
			assertThat(answer.status()).as(id + " succeeds").isBetween(200, 299);
			JsonNode schema = response.path("content").path("application/json").path("schema");
			if (!schema.isMissingNode()) {
				assertThat(answer.contentType()).as(id).startsWith("application/json");
				assertMatches(document, schema, answer.json(), id);
			}
			if (operation.has("security") && operation.get("security").isEmpty()) {
				assertThat(keyless.get(path).status()).isEqualTo(200);
			}
			else {
				Answer refused = keyless.send(method.toUpperCase(), path.replace("{id}", "x"),
						"post".equals(method) ? "{}" : null, Map.of());
				assertThat(refused.status()).as(id + " without a key").isEqualTo(401);
				assertThat(operation.get("responses").has("401")).as(id + " documents 401").isTrue();
				assertMatches(document, document.get("components").get("schemas").get("Problem"), refused.json(),
						id + " without a key");
			}
			walked++;
		}
		System.out.println("OpenAPI walk: " + walked + " operations answered as documented");
		assertThat(walked).isEqualTo(operations.size());
	}

	@Test
	void aSignedInBrowsersCookieOpensNoApiRoute() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		Browser browser = new Browser(this.port);
		assertThat(browser.signIn(People.ada(this.accounts).login(), People.PASSWORD).location()).isEqualTo("/");
		assertThat(browser.get("/api/v1/verifications/ve_0").status()).isEqualTo(401);
		assertThat(browser.post("/api/v1/users/u/totp", Map.of()).status()).isEqualTo(401);
	}

	/** The subset of JSON Schema the document uses: $ref, type, required, properties, enum. */
	private static void assertMatches(JsonNode document, JsonNode schema, JsonNode value, String where) {
		if (schema.has("$ref")) {
			assertMatches(document, resolve(document, schema.get("$ref").asString()), value, where);
			return;
		}
		if (schema.has("enum")) {
			List<String> allowed = new ArrayList<>();
			schema.get("enum").forEach(option -> allowed.add(option.isNull() ? null : option.asString()));
			assertThat(allowed).as(where).contains(value.isNull() ? null : value.asString());
		}
		List<String> types = new ArrayList<>();
		if (schema.has("type")) {
			if (schema.get("type").isArray()) {
				schema.get("type").forEach(type -> types.add(type.asString()));
			}
			else {
				types.add(schema.get("type").asString());
			}
		}
		if (!types.isEmpty()) {
			String actual = value.isNull() ? "null" : value.isObject() ? "object" : value.isArray() ? "array"
					: value.isIntegralNumber() ? "integer" : value.isNumber() ? "number"
							: value.isBoolean() ? "boolean" : "string";
			assertThat(types).as(where + ": " + value).contains(actual);
		}
		if (value.isObject()) {
			schema.path("required").forEach(required -> assertThat(value.has(required.asString()))
				.as(where + " has " + required.asString()).isTrue());
			fields(schema.path("properties")).forEach((name, property) -> {
				if (value.has(name)) {
					assertMatches(document, property, value.get(name), where + "." + name);
				}
			});
		}
	}

	private static JsonNode resolve(JsonNode document, String reference) {
		JsonNode node = document;
		for (String part : reference.substring(2).split("/")) {
			node = node.get(part.replace("~1", "/").replace("~0", "~"));
			if (node == null) {
				return null;
			}
		}
		return node;
	}

	private static void collectReferences(JsonNode node, List<String> references) {
		if (node.isObject()) {
			fields(node).forEach((name, child) -> {
				if ("$ref".equals(name)) {
					references.add(child.asString());
				}
				else {
					collectReferences(child, references);
				}
			});
		}
		else if (node.isArray()) {
			node.forEach(child -> collectReferences(child, references));
		}
	}

	private static Map<String, JsonNode> fields(JsonNode node) {
		Map<String, JsonNode> fields = new LinkedHashMap<>();
		for (Iterator<String> names = node.propertyNames().iterator(); names.hasNext();) {
			String name = names.next();
			fields.put(name, node.get(name));
		}
		return fields;
	}

	private Set<String> apiRoutes() {
		Set<String> routes = new TreeSet<>();
		for (RequestMappingInfo info : this.handlers.getHandlerMethods().keySet()) {
			for (String pattern : info.getPatternValues()) {
				if (pattern.startsWith("/api/")) {
					for (RequestMethod method : info.getMethodsCondition().getMethods()) {
						routes.add(method.name() + " " + pattern);
					}
				}
			}
		}
		return routes;
	}

}
