package org.latchkey.system;

/**
 * One page of a longer list of results, as a pager sees it: its number (from 0), its size and the total
 * number of results. Records of results implement it with these three components.
 */
public interface Paged {

	int page();

	int size();

	long total();

	/** How many pages there are; at least one, which is empty when there are no results. */
	default int pages() {
		return (int) Math.max(1, (total() + size() - 1) / size());
	}

	default boolean hasPrevious() {
		return page() > 0;
	}

	default boolean hasNext() {
		return page() + 1 < pages();
	}

	/**
	 * The page nearest to {@code requested} that exists: the first for a negative number, the last for one
	 * past the end, so that an edited or stale link still shows results.
	 */
	static int nearest(int requested, int size, long total) {
		int last = (int) ((Math.max(total, 1) - 1) / size);
		return Math.min(Math.max(requested, 0), last);
	}

}
