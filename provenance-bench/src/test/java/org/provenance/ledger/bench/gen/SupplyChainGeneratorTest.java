package org.provenance.ledger.bench.gen;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated supply chain is deterministic and would be accepted by the ledger: a small model
 * of its custody rules (lots exist before use, custody, remaining mass, facility kinds, time order
 * per lot) replays every write.
 */
class SupplyChainGeneratorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sameSeedSameChainAnotherSeedAnother() {
        SupplyChainGenerator a = new SupplyChainGenerator(42);
        SupplyChainGenerator b = new SupplyChainGenerator(42);
        SupplyChainGenerator c = new SupplyChainGenerator(43);
        assertThat(b.setup()).isEqualTo(a.setup());
        assertThat(b.chains(0, 50)).isEqualTo(a.chains(0, 50));
        assertThat(b.chain(777)).isEqualTo(a.chain(777));
        assertThat(c.chains(0, 50)).isNotEqualTo(a.chains(0, 50));
        // A chain depends on its index only, not on which chains were generated before it.
        assertThat(a.chains(10, 5).get(2)).isEqualTo(b.chain(12));
    }

    @Test
    void facilitiesAsTheIssueAsks() {
        List<SupplyChainGenerator.Facility> facilities = new SupplyChainGenerator(42).facilities();
        List<SupplyChainGenerator.Facility> mines = facilities.stream().filter(f -> f.kind().equals("MINE")).toList();
        assertThat(mines).hasSize(200);
        assertThat(mines.stream().map(SupplyChainGenerator.Facility::country).distinct()).hasSize(30);
        assertThat(mines.stream().filter(m -> m.ownerCountry() != null).count()).isBetween(10L, 80L);
        assertThat(facilities.stream().filter(f -> f.kind().equals("PROCESSOR"))).hasSize(60);
        assertThat(facilities.stream().filter(f -> f.kind().equals("BUYER"))).hasSize(100);
        assertThat(facilities.stream().map(SupplyChainGenerator.Facility::id).distinct()).hasSize(facilities.size());
    }

    @Test
    void chainsAreValidUpTo8StagesAndBlendsOf20() throws Exception {
        SupplyChainGenerator generator = new SupplyChainGenerator(42);
        Ledger ledger = new Ledger();
        for (Op op : generator.setup()) {
            ledger.apply(op);
        }
        List<Chain> chains = generator.chains(0, 400);
        for (Chain chain : chains) {
            int events = 0;
            for (Op op : chain.ops()) {
                events += ledger.apply(op);
            }
            assertThat(events).as(chain.id()).isEqualTo(chain.expectedEvents());
            assertThat(chain.stages()).isBetween(1, SupplyChainGenerator.MAX_STAGES);
            assertThat(chain.maxInputs()).isBetween(1, SupplyChainGenerator.MAX_BLEND);
            assertThat(ledger.custodian.get(chain.lastLotId())).startsWith("BUY-");
        }
        assertThat(chains.stream().mapToInt(Chain::stages).max().orElse(0)).isEqualTo(8);
        assertThat(chains.stream().mapToInt(Chain::maxInputs).max().orElse(0)).isEqualTo(20);
        Set<String> kinds = chains.stream().flatMap(c -> c.ops().stream()).map(Op::kind).collect(Collectors.toSet());
        assertThat(kinds).contains("extraction", "registration", "transformation", "transfer");
        assertThat(ledger.stages).contains("SPLITTING", "BLENDING", "SEPARATION", "PRODUCTION");
        assertThat(ledger.pricedTransfers).isPositive();
        assertThat(ledger.surplusTransformations).isPositive();
    }

    @Test
    void theDagRootHasMoreThan10000AncestorsAndItsWavesAreCausal() throws Exception {
        SupplyChainGenerator generator = new SupplyChainGenerator(7);
        SupplyChainGenerator.Dag dag = generator.dag(512);
        assertThat(dag.ancestorLots()).isEqualTo(10_240 + 512 + 64 + 8);
        assertThat(dag.leaves()).isEqualTo(10_240);
        assertThat(dag.waves()).hasSize(4);
        Ledger ledger = new Ledger();
        for (Op op : generator.setup()) {
            ledger.apply(op);
        }
        for (List<Chain> wave : dag.waves()) {
            for (Chain chain : wave) {
                for (Op op : chain.ops()) {
                    ledger.apply(op);
                }
            }
        }
        assertThat(ledger.ancestors(dag.rootLotId())).isEqualTo(dag.ancestorLots());
        assertThat(generator.dag(1).rootLotId()).isEqualTo("DAG-G0-BLEND");
        assertThat(generator.dag(3).rootLotId()).isEqualTo("DAG-ROOT");
    }

    @Test
    void batchLinesCarryTheSingleBodyAndTheirType() throws Exception {
        SupplyChainGenerator generator = new SupplyChainGenerator(42);
        List<Op> ops = new java.util.ArrayList<>(generator.setup());
        ops.addAll(generator.chain(3).ops());
        for (Op op : ops) {
            JsonNode line = JSON.readTree(op.ndjson());
            assertThat(line.get("type").asString()).isEqualTo(op.kind());
            assertThat(op.ndjson()).doesNotContain("\n");
            JsonNode body = JSON.readTree(op.json());
            body.propertyNames().forEach(f -> assertThat(line.get(f)).as(op.kind() + " " + f).isEqualTo(body.get(f)));
        }
        Op floor = ops.stream().filter(o -> o.kind().equals("price-floor") && o.path().contains("NdFeB")).findFirst()
                      .orElseThrow();
        assertThat(floor.path()).isEqualTo("/api/blocs/ALLIES/price-floors/REE/NdFeB%20magnet");
        assertThat(JSON.readTree(floor.ndjson()).get("form").asString()).isEqualTo("NdFeB magnet");
    }

    /** The ledger's custody rules, enough to tell a generated write would be accepted. */
    private static final class Ledger {
        final Map<String, String> facilityKind = new HashMap<>();
        final Map<String, String> custodian = new HashMap<>();
        final Map<String, BigDecimal> remaining = new HashMap<>();
        final Map<String, String> lastAt = new HashMap<>();
        final Map<String, List<String>> parents = new HashMap<>();
        final Set<String> ids = new HashSet<>();
        final Set<String> stages = new HashSet<>();
        int pricedTransfers;
        int surplusTransformations;

        int apply(Op op) throws Exception {
            JsonNode b = JSON.readTree(op.json());
            switch (op.kind()) {
                case "facility" -> {
                    assertThat(facilityKind.put(b.get("id").asString(), b.get("kind").asString())).isNull();
                    return 1;
                }
                case "bloc", "admission", "price-floor" -> {
                    return 1;
                }
                case "extraction" -> {
                    assertThat(facilityKind.get(b.get("mineId").asString())).isEqualTo("MINE");
                    create(b.get("lotId").asString(), b.get("mineId").asString(), b.get("massKg").decimalValue(),
                           b.get("occurredAt").asString());
                    return 1;
                }
                case "registration" -> {
                    assertThat(facilityKind).containsKey(b.get("custodianId").asString());
                    create(b.get("lotId").asString(), b.get("custodianId").asString(), b.get("massKg").decimalValue(),
                           b.get("occurredAt").asString());
                    return 1;
                }
                case "transfer" -> {
                    String lot = b.get("lotId").asString();
                    assertThat(ids.add("transfer:" + b.get("id").asString())).isTrue();
                    assertThat(custodian.get(lot)).as(op.json()).isEqualTo(b.get("fromFacilityId").asString());
                    assertThat(remaining.get(lot).signum()).isPositive();
                    assertThat(facilityKind).containsKey(b.get("toFacilityId").asString());
                    inOrder(lot, b.get("occurredAt").asString());
                    custodian.put(lot, b.get("toFacilityId").asString());
                    if (b.has("unitPrice")) {
                        pricedTransfers++;
                    }
                    return 1;
                }
                case "transformation" -> {
                    String facility = b.get("facilityId").asString();
                    String stage = b.get("stage").asString();
                    String kind = facilityKind.get(facility);
                    assertThat(kind.equals("PROCESSOR") || (kind.equals("TRADER")
                            && (stage.equals("BLENDING") || stage.equals("SPLITTING")))).as(op.json()).isTrue();
                    assertThat(ids.add("transformation:" + b.get("id").asString())).isTrue();
                    stages.add(stage);
                    assertThat(b.get("inputs").size()).isBetween(1, 20);
                    BigDecimal in = BigDecimal.ZERO;
                    BigDecimal out = BigDecimal.ZERO;
                    List<String> inputIds = new java.util.ArrayList<>();
                    for (JsonNode i : b.get("inputs")) {
                        String lot = i.get("lotId").asString();
                        assertThat(custodian.get(lot)).as(op.json()).isEqualTo(facility);
                        BigDecimal left = remaining.get(lot).subtract(i.get("massKg").decimalValue());
                        assertThat(left.signum()).isNotNegative();
                        inOrder(lot, b.get("occurredAt").asString());
                        remaining.put(lot, left);
                        in = in.add(i.get("massKg").decimalValue());
                        inputIds.add(lot);
                    }
                    for (JsonNode o : b.get("outputs")) {
                        assertThat(o.get("massKg").decimalValue().signum()).isPositive();
                        create(o.get("lotId").asString(), facility, o.get("massKg").decimalValue(),
                               b.get("occurredAt").asString());
                        parents.put(o.get("lotId").asString(), inputIds);
                        out = out.add(o.get("massKg").decimalValue());
                    }
                    if (out.compareTo(in) > 0) {
                        surplusTransformations++;
                    }
                    return b.get("inputs").size() + 1 + b.get("outputs").size();
                }
                default -> throw new AssertionError("unexpected kind " + op.kind());
            }
        }

        int ancestors(String lot) {
            Set<String> seen = new HashSet<>();
            java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(List.of(lot));
            while (!todo.isEmpty()) {
                for (String p : parents.getOrDefault(todo.poll(), List.of())) {
                    if (seen.add(p)) {
                        todo.add(p);
                    }
                }
            }
            return seen.size();
        }

        private void create(String lot, String at, BigDecimal mass, String when) {
            assertThat(custodian).doesNotContainKey(lot);
            assertThat(mass.signum()).isPositive();
            assertThat(mass.scale()).isLessThanOrEqualTo(6);
            custodian.put(lot, at);
            remaining.put(lot, mass);
            lastAt.put(lot, when);
        }

        private void inOrder(String lot, String when) {
            assertThat(java.time.Instant.parse(when)).isAfterOrEqualTo(java.time.Instant.parse(lastAt.get(lot)));
            lastAt.put(lot, when);
        }
    }
}
