package org.latchkey.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.latchkey.admin.DashboardCharts.BarChart;
import org.latchkey.admin.DashboardCharts.Column;
import org.latchkey.admin.DashboardCharts.HourlyChart;
import org.latchkey.admin.DashboardCharts.Row;

import static org.assertj.core.api.Assertions.assertThat;

/** The geometry of the dashboard's pictures, as a plain class with known figures. */
class DashboardChartsTests {

	@Test
	void barsAreTheirShareOfTheWhole() {
		BarChart chart = DashboardCharts.bars(List.of(new Row("a", 10, null), new Row("b", 5, null),
				new Row("c", 0, "/list")), 20);

		assertThat(chart.bars()).extracting(DashboardCharts.Bar::percent).containsExactly(50.0, 25.0, 0.0);
	}

	@Test
	void withoutAWholeTheLargestBarFillsTheRoomAndNoneIsDividedByZero() {
		BarChart counts = DashboardCharts.bars(List.of(new Row("a", 4, null), new Row("b", 1, null)), 0);
		BarChart empty = DashboardCharts.bars(List.of(new Row("a", 0, null)), 0);

		assertThat(counts.bars()).extracting(DashboardCharts.Bar::percent).containsExactly(100.0, 25.0);
		assertThat(empty.bars().get(0).percent()).isZero();
	}

	@Test
	void hourlyColumnsStackCompletedOnFailedOnOneScaleAndMarkEachDay() {
		Instant from = Instant.parse("2026-12-01T22:00:00Z");
		long[] completed = { 3, 0, 6, 0 };
		long[] failed = { 1, 0, 0, 2 };

		HourlyChart chart = DashboardCharts.hourly(from, completed, failed);

		assertThat(chart.max()).isEqualTo(6);
		assertThat(chart.completed()).isEqualTo(9);
		assertThat(chart.failed()).isEqualTo(3);
		Column first = chart.columns().get(0);
		double baseline = DashboardCharts.PLOT_TOP + DashboardCharts.PLOT_HEIGHT;
		assertThat(first.failedHeight()).isEqualTo(25.0);
		assertThat(first.failedY()).isEqualTo(baseline - 25);
		assertThat(first.completedHeight()).isEqualTo(75.0);
		assertThat(first.completedY()).isEqualTo(baseline - 100);
		assertThat(chart.columns().get(2).completedHeight()).isEqualTo(DashboardCharts.PLOT_HEIGHT);
		assertThat(chart.columns()).extracting(Column::x).containsExactly(0.0, 175.0, 350.0, 525.0);
		assertThat(chart.days()).extracting(DashboardCharts.DayMark::day)
			.containsExactly(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-02"));
		assertThat(chart.days().get(1).x()).isEqualTo(350.0);
	}

	@Test
	void aWeekWithoutSignInsDrawsEmptyColumns() {
		HourlyChart chart = DashboardCharts.hourly(Instant.parse("2026-12-01T00:00:00Z"), new long[168], new long[168]);

		assertThat(chart.columns()).hasSize(168).allSatisfy(column -> {
			assertThat(column.completedHeight()).isZero();
			assertThat(column.failedHeight()).isZero();
		});
		assertThat(chart.days()).hasSize(7);
	}

}
