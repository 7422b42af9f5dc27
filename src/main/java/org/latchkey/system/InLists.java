package org.latchkey.system;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the values a statement names in {@code IN (:values)} into parts a statement can carry: PostgreSQL takes
 * at most 32767 parameters in a statement, and a thousand a statement keeps each one short.
 */
public final class InLists {

	private static final int MOST_VALUES = 1000;

	private InLists() {
	}

	/** The values in order, in parts of a thousand or fewer; none for no values. */
	public static <T> List<List<T>> parts(List<T> values) {
		List<List<T>> parts = new ArrayList<>();
		for (int from = 0; from < values.size(); from += MOST_VALUES) {
			parts.add(values.subList(from, Math.min(from + MOST_VALUES, values.size())));
		}
		return parts;
	}

}
