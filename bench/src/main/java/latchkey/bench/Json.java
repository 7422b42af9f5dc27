package latchkey.bench;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes maps, lists, numbers, booleans and strings as indented JSON; enough for the results files. */
final class Json {

	private Json() {
	}

	static String write(Object value) {
		StringBuilder out = new StringBuilder();
		write(value, out, "");
		return out.append('\n').toString();
	}

	private static void write(Object value, StringBuilder out, String indent) {
		if (value == null) {
			out.append("null");
		}
		else if (value instanceof Map<?, ?> map) {
			out.append("{");
			Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
			while (entries.hasNext()) {
				Map.Entry<?, ?> entry = entries.next();
				out.append('\n').append(indent).append("  ");
				string(entry.getKey().toString(), out);
				out.append(": ");
				write(entry.getValue(), out, indent + "  ");
				out.append(entries.hasNext() ? "," : "\n" + indent);
			}
			out.append("}");
		}
		else if (value instanceof List<?> list) {
			out.append("[");
			for (int i = 0; i < list.size(); i++) {
				out.append(i == 0 ? "" : ", ");
				write(list.get(i), out, indent);
			}
			out.append("]");
		}
		else if (value instanceof Double number) {
			out.append(number.isNaN() || number.isInfinite() ? "null" : String.format(Locale.ROOT, "%.6g", number)
				.replaceAll("(\\.\\d*?)0+(e|$)", "$1$2")
				.replaceAll("\\.(e|$)", "$1"));
		}
		else if (value instanceof Number || value instanceof Boolean) {
			out.append(value);
		}
		else {
			string(value.toString(), out);
		}
	}

	private static void string(String text, StringBuilder out) {
		out.append('"');
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

}
