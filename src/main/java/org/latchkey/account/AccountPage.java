package org.latchkey.account;

import java.util.List;

/** One page of accounts, with what a pager needs. */
public record AccountPage(List<Account> accounts, int page, int size, long total) {

	public int pages() {
		return (int) Math.max(1, (this.total + this.size - 1) / this.size);
	}

	public boolean hasPrevious() {
		return this.page > 0;
	}

	public boolean hasNext() {
		return this.page + 1 < pages();
	}

}
