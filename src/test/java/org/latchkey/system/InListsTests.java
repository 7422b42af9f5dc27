package org.latchkey.system;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InListsTests {

	@Test
	void valuesComeBackInOrderInPartsOfAThousandAtMost() {
		List<Integer> values = IntStream.range(0, 2500).boxed().toList();

		List<List<Integer>> parts = InLists.parts(values);

		assertThat(parts).extracting(List::size).containsExactly(1000, 1000, 500);
		assertThat(parts.stream().flatMap(List::stream)).containsExactlyElementsOf(values);
	}

	@Test
	void aThousandValuesAreOnePartAndNoValuesNone() {
		assertThat(InLists.parts(IntStream.range(0, 1000).boxed().toList())).hasSize(1);
		assertThat(InLists.parts(List.of())).isEmpty();
	}

}
