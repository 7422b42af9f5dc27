package org.latchkey.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every route of the application as its controllers declare them, read from Spring MVC's handler mapping, so
 * that a route added tomorrow is attacked by the tests that enumerate them without anyone listing it.
 */
public final class Routes {

	private Routes() {
	}

	/** One method and concrete path, with the path variables filled in. */
	public record Route(String method, String path) {

		@Override
		public String toString() {
			return this.method + " " + this.path;
		}

	}

	/**
	 * The routes answering {@code method} (a mapping that names no method answers them all).
	 * @param variables a value for each path variable, by name ({@code id} → an account id)
	 */
	public static List<Route> of(RequestMappingHandlerMapping mapping, String method, Map<String, String> variables) {
		Set<String> paths = new TreeSet<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
			RequestMappingInfo info = entry.getKey();
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			if (!methods.isEmpty() && !methods.contains(RequestMethod.valueOf(method))) {
				continue;
			}
			for (String pattern : info.getPatternValues()) {
				paths.add(fill(pattern, variables));
			}
		}
		List<Route> routes = new ArrayList<>();
		paths.forEach(path -> routes.add(new Route(method, path)));
		return routes;
	}

	private static String fill(String pattern, Map<String, String> variables) {
		String path = pattern;
		for (Map.Entry<String, String> variable : variables.entrySet()) {
			path = path.replace("{" + variable.getKey() + "}", variable.getValue());
		}
		if (path.contains("{")) {
			throw new AssertionError("No test value for a path variable of " + pattern);
		}
		return path;
	}

}
