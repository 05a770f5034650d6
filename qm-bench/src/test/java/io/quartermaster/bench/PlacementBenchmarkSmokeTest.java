package io.quartermaster.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The benchmark's short smoke mode runs end to end and writes its report; the real run is on demand. */
class PlacementBenchmarkSmokeTest {

    @TempDir
    Path dir;

    @Test
    void smokeRunWritesTheReportAndRawFigures() throws Exception {
        Path report = dir.resolve("BENCHMARKS.md");
        Files.writeString(report, "# Benchmarks\n\n<!-- placement:start -->\nold\n<!-- placement:end -->\n\nother section\n");
        Path json = dir.resolve("placement.json");

        int code = new CommandLine(new Bench()).execute("placement", "--smoke", "--report", report.toString(),
                "--json", json.toString());

        assertThat(code).isZero();
        String text = Files.readString(report);
        assertThat(text).contains("## Placement", "placements/s", "other section").doesNotContain("\nold\n");
        assertThat(Files.readString(json)).contains("\"placementsPerSecond\"", "\"inMemoryTypical\"");
        assertThat(text).doesNotContain("| 0 | 0 |");
    }
}
