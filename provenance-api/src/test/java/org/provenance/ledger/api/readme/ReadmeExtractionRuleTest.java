package org.provenance.ledger.api.readme;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule README writers rely on (README, "Using the API"), without starting a ledger. */
class ReadmeExtractionRuleTest {

    @Test
    void only_curl_commands_of_bash_fences_are_examples_with_their_continuations_and_markers() {
        List<String> readme = List.of(
                "    curl -s localhost:8080/indented-block-is-not-run",
                "```text",
                "curl -s localhost:8080/text-fence-is-not-run",
                "```",
                "```bash",
                "java -jar provenance-api/target/provenance-api.jar --demo",
                "curl -s localhost:8080/api/flags          # a comment after the command",
                "# expect: 400 /problems/invalid-command",
                "curl -s -i localhost:8080/api/lots/extractions \\",
                "  -d '{\"lotId\":\"bad id!\"}'",
                "# readme-test: skip (needs a file)",
                "curl -s --data-binary @day.ndjson localhost:8080/api/batches",
                "curl -s localhost:8080/api/blocs/ALLIES",
                "```");

        List<ReadmeExamplesTest.Example> examples = ReadmeExamplesTest.examples(readme);

        assertThat(examples).extracting(ReadmeExamplesTest.Example::line).containsExactly(7, 9, 12, 13);
        assertThat(examples.get(0).expectsSuccess()).isTrue();
        assertThat(examples.get(1).command()).endsWith("-d '{\"lotId\":\"bad id!\"}'");
        assertThat(examples.get(1).expectedStatus()).isEqualTo(400);
        assertThat(examples.get(1).expectedProblem()).isEqualTo("/problems/invalid-command");
        assertThat(examples.get(2).skipped()).isTrue();
        assertThat(examples.get(3).skipped()).as("a marker applies to the next example only").isFalse();
        assertThat(examples.get(3).expectsSuccess()).isTrue();
    }
}
