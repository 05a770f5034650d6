package io.quartermaster.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

    record Row(String name, String state, String id) {}

    private final Table<Row> table = new Table<>(
            Column.flexible("NAME", Row::name),
            Column.of("STATE", Row::state),
            Column.optional("ID", Row::id));

    private final List<Row> rows = List.of(
            new Row("build-server-for-the-release", "Active", "0b6f6c1e-8d1a-4c53-9a55-3f1d2c1b7e01"),
            new Row("test0001", "Provisioning", "9a2c11aa-1111-4c53-9a55-3f1d2c1b7e02"));

    @Test
    void aWideTerminalShowsEveryColumnWholeAndAligned() {
        String text = table.render(rows, 200);

        assertThat(text.lines()).containsExactly(
                "NAME                          STATE         ID",
                "build-server-for-the-release  Active        0b6f6c1e-8d1a-4c53-9a55-3f1d2c1b7e01",
                "test0001                      Provisioning  9a2c11aa-1111-4c53-9a55-3f1d2c1b7e02");
    }

    @Test
    void optionalColumnsAreLeftOutBeforeAnythingIsShortened() {
        String text = table.render(rows, 50);

        assertThat(text.lines()).containsExactly(
                "NAME                          STATE",
                "build-server-for-the-release  Active",
                "test0001                      Provisioning");
    }

    @Test
    void thenTheWidestFlexibleColumnIsShortenedToFit() {
        String text = table.render(rows, 30);

        assertThat(text.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(30));
        assertThat(text.lines().skip(1).findFirst().orElseThrow()).startsWith("build-server-fo…  Active");
    }

    @Test
    void columnsThatMustStayWholeAreNeverCutEvenWhenTheTableCannotFit() {
        String text = table.render(rows, 10);

        assertThat(text).contains("Provisioning").contains("test0001");
        assertThat(text.lines().skip(1).findFirst().orElseThrow()).startsWith("build-s…  Active");
    }

    @Test
    void cellsStayOnOneLine() {
        String text = table.render(List.of(new Row("two\nlines", "Failed", "x")), 200);

        assertThat(text.lines()).hasSize(2).last().asString().startsWith("two lines");
    }
}
