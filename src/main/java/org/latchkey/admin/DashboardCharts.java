package org.latchkey.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The geometry of the dashboard's pictures, computed here and drawn as SVG by the template
 * ({@code admin/dashboard.html}): no script, no library, colours from the stylesheet's variables so that the
 * dark scheme applies. Each picture is drawn in a fixed coordinate space that its {@code viewBox} scales to
 * the width of the screen, a phone's too.
 */
final class DashboardCharts {

	/** The width of the sign-ins chart's coordinate space. */
	static final int WIDTH = 700;

	/** The height of the sign-ins chart's plotting area, and where its baseline lies. */
	static final int PLOT_HEIGHT = 150;

	static final int PLOT_TOP = 10;

	private DashboardCharts() {
	}

	/**
	 * A horizontal bar chart: one row per value, each bar as long as its share of {@code whole} (of the largest
	 * value when {@code whole} is 0), in percent of the room. Labels and values are written beside the bars in
	 * the page's text, so that they keep their size on a phone; only the bars are drawn.
	 */
	static BarChart bars(List<Row> rows, long whole) {
		long scale = Math.max(1, (whole > 0) ? whole : rows.stream().mapToLong(Row::value).max().orElse(1));
		return new BarChart(rows.stream()
			.map(row -> new Bar(row, round(100.0 * Math.min(row.value(), scale) / scale)))
			.toList());
	}

	/**
	 * The sign-ins chart: one column per hour from {@code from}, its completed sign-ins stacked on its failed
	 * ones, all columns on one scale; and a mark at the start of each day (UTC).
	 */
	static HourlyChart hourly(Instant from, long[] completed, long[] failed) {
		int hours = completed.length;
		long max = 1;
		for (int i = 0; i < hours; i++) {
			max = Math.max(max, completed[i] + failed[i]);
		}
		double step = (double) WIDTH / hours;
		double baseline = PLOT_TOP + PLOT_HEIGHT;
		List<Column> columns = new ArrayList<>();
		List<DayMark> days = new ArrayList<>();
		for (int i = 0; i < hours; i++) {
			Instant hour = from.plus(Duration.ofHours(i));
			double failedHeight = PLOT_HEIGHT * (double) failed[i] / max;
			double completedHeight = PLOT_HEIGHT * (double) completed[i] / max;
			columns.add(new Column(hour, completed[i], failed[i], round(i * step), round(Math.max(step - 1, 1)),
					round(baseline - failedHeight), round(failedHeight), round(baseline - failedHeight - completedHeight),
					round(completedHeight)));
			if (hour.atOffset(ZoneOffset.UTC).getHour() == 0 || i == 0) {
				days.add(new DayMark(LocalDate.ofInstant(hour, ZoneOffset.UTC), round(i * step)));
			}
		}
		return new HourlyChart(columns, days, max, round(baseline));
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

	/**
	 * One value of a bar chart.
	 *
	 * @param key the message key of its label
	 * @param value the value
	 * @param link where the bar leads (the list it counts), or null
	 */
	record Row(String key, long value, String link) {
	}

	/** A bar as drawn: its length in percent of the room. */
	record Bar(Row row, double percent) {
	}

	record BarChart(List<Bar> bars) {
	}

	/** One hour's column: the failed part at the bottom, the completed part on top of it. */
	record Column(Instant hour, long completed, long failed, double x, double width, double failedY,
			double failedHeight, double completedY, double completedHeight) {
	}

	/** The start of a day along the sign-ins chart. */
	record DayMark(LocalDate day, double x) {
	}

	/** @param max the value the top of the plot stands for @param baseline the y of the plot's bottom */
	record HourlyChart(List<Column> columns, List<DayMark> days, long max, double baseline) {

		public long completed() {
			return this.columns.stream().mapToLong(Column::completed).sum();
		}

		public long failed() {
			return this.columns.stream().mapToLong(Column::failed).sum();
		}

	}

}
