package org.provenance.ledger.api.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provenance.ledger.api.demo.DemoSupplyChain;
import org.provenance.ledger.api.support.ApiTest;
import org.provenance.ledger.api.support.Http;
import org.provenance.ledger.api.support.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /api/lots/{id}/report (SPEC 13): the PDF is rendered with poppler's pdftoppm and its text
 * read with pdftotext (Debian poppler-utils; .ci/run installs it).
 */
class LotReportPdfTest extends ApiTest {

    @Autowired
    DemoSupplyChain demo;

    @TempDir
    Path dir;

    @Test
    void the_pdf_of_a_demo_lot_has_its_composition_flags_checks_and_checkpoint_and_renders() throws Exception {
        homeBloc();
        demo.load();
        Http.Response checked = as(TestUsers.COMPLIANCE).post("/api/checks", """
                {"policy": "BLOC_ORIGIN", "reference": "PO-77", "items": [{"lotId": "DEMO-OXIDE-2", "massKg": 3}]}""");
        assertThat(checked.status()).as(checked.body()).isEqualTo(201);
        awaitChained();

        HttpResponse<byte[]> response = get("/api/lots/DEMO-OXIDE-2/report", TestUsers.AUDITOR);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        Path pdf = Files.write(dir.resolve("report.pdf"), response.body());
        assertThat(new String(response.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

        String text = run("pdftotext", "-layout", pdf.toString(), "-");
        assertThat(text).contains("Due-diligence report: lot DEMO-OXIDE-2")
                        .contains("Composition").contains("70 %").contains("30 %").contains("MM")
                        .contains("SEPARATION: EE")
                        .contains("DEMO-T-06:NON_BLOC_ORIGIN").contains("not reviewed")
                        .contains("BLOC_ORIGIN now").contains("FAIL")
                        .contains("part check").contains("PO-77")
                        .contains("DEMO-X-03").contains("Narva Baltic Separation")
                        .contains("This checkpoint covers every event of the lot");

        // DEMO-MAGNET-2's oxide was separated in China: DFARS passes now and fails from 2027-01-01
        Path magnet = Files.write(dir.resolve("magnet.pdf"), get("/api/lots/DEMO-MAGNET-2/report", TestUsers.COMPLIANCE).body());
        assertThat(run("pdftotext", "-layout", magnet.toString(), "-"))
                .containsPattern("DFARS_252_225_7052 now +PASS +2027-01-01")
                .contains("DEMO-T-09:NON_BLOC_PROCESSING").contains("Northern Steppe Separation");

        run("pdftoppm", "-png", "-r", "60", pdf.toString(), dir.resolve("page").toString());
        String keep = System.getProperty("ledger.report.keep");
        if (keep != null) {
            Files.copy(pdf, Path.of(keep), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        try (Stream<Path> pages = Files.list(dir)) {
            List<Path> png = pages.filter(p -> p.getFileName().toString().endsWith(".png")).toList();
            assertThat(png).isNotEmpty();
            for (Path page : png) {
                assertThat(Files.size(page)).isGreaterThan(2_000);
            }
        }
    }

    @Test
    void an_unknown_lot_is_a_404_problem_and_operators_are_refused() throws Exception {
        HttpResponse<byte[]> missing = get("/api/lots/NO-SUCH-LOT/report", TestUsers.COMPLIANCE);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(get("/api/lots/NO-SUCH-LOT/report", TestUsers.OPERATOR).statusCode()).isEqualTo(403);
    }

    private HttpResponse<byte[]> get(String path, TestUsers.User user) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user.name() + ":" + user.password())
                                                                  .getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                                          .header("Authorization", "Basic " + basic)
                                                          .header("Accept", "application/pdf").GET().build(),
                                               HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
        return output;
    }
}
