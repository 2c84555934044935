package org.provenance.ledger.bench.gen;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A synthetic critical-minerals supply chain, the same for the same seed: facilities (mines in 30
 * countries, some with foreign owners; processors, traders, buyers), the home bloc with dated
 * members and price floors, and chains of custody from mines through up to 8 processing stages
 * (blends of up to 20 inputs, splits, declared and undeclared registrations, priced transfers,
 * the occasional mass-balance violation and price below the floor) to buyers. Plus a deep DAG of
 * blends whose last lot has more than 10,000 ancestor lots (at scale 1), for lineage.
 *
 * <p>Every write is expressed as the ledger's REST request body (and as a batch line). Chain
 * {@code n} depends only on the seed and {@code n}, so a benchmark phase can take any range of
 * chains and phases never share a lot.
 */
public final class SupplyChainGenerator {

    public static final String BLOC = "ALLIES";
    public static final int MINES = 200;
    public static final int PROCESSORS = 60;
    public static final int TRADERS = 20;
    public static final int BUYERS = 100;
    public static final int MAX_STAGES = 8;
    public static final int MAX_BLEND = 20;

    /** 30 mining countries; the first ones carry more mines. */
    static final List<String> MINE_COUNTRIES = List.of(
            "CN", "AU", "CD", "US", "CA", "MM", "ZA", "BR", "CL", "AR", "ID", "PH", "RU", "KZ", "VN",
            "IN", "MX", "PE", "BO", "MG", "RW", "NG", "MZ", "ZM", "FI", "SE", "NO", "GL", "TZ", "MN");
    static final List<String> PROCESSOR_COUNTRIES = List.of(
            "CN", "CN", "CN", "CN", "CN", "EE", "JP", "MY", "US", "FR", "KR", "VN", "DE", "IN", "AU", "CA",
            "BR", "ZA", "GB", "TH", "RU", "FI");
    static final List<String> TRADER_COUNTRIES = List.of("SG", "CH", "AE", "NL", "HK", "GB");
    static final List<String> BUYER_COUNTRIES = List.of(
            "US", "US", "US", "JP", "JP", "DE", "DE", "FR", "KR", "KR", "GB", "CA", "AU", "IT", "SE");
    static final List<String> OWNER_COUNTRIES = List.of("CN", "CN", "US", "AU", "CA", "JP", "GB", "CH", "RU");
    static final List<String> DECLARED_ORIGINS = List.of("CN", "AU", "US", "MM", "CD", "BR", "RU", "CA", "ZA", "IN");

    /** The home bloc's members and the day each joined. */
    static final Map<String, String> MEMBERS = orderedMap(
            "AU", "2025-01-01T00:00:00Z", "US", "2025-01-01T00:00:00Z", "CA", "2025-01-01T00:00:00Z",
            "JP", "2025-01-01T00:00:00Z", "KR", "2025-03-01T00:00:00Z", "DE", "2025-01-01T00:00:00Z",
            "FR", "2025-01-01T00:00:00Z", "GB", "2025-06-01T00:00:00Z", "EE", "2025-01-01T00:00:00Z",
            "FI", "2025-01-01T00:00:00Z", "SE", "2025-01-01T00:00:00Z", "NO", "2025-09-01T00:00:00Z",
            "MX", "2026-01-01T00:00:00Z", "CL", "2026-01-01T00:00:00Z", "BR", "2026-03-01T00:00:00Z",
            "IN", "2026-06-01T00:00:00Z", "PH", "2026-06-01T00:00:00Z", "ZA", "2025-01-01T00:00:00Z");

    /** A processing step of a material: the stage and the form it produces. */
    record Step(String stage, String form, double yieldLow, double yieldHigh) {
    }

    record Material(String mineral, int weight, double orePricePerKg, List<Step> steps) {
    }

    static final List<Material> MATERIALS = List.of(
            new Material("REE", 35, 4, List.of(
                    new Step("CONCENTRATION", "concentrate", 0.2, 0.4),
                    new Step("SEPARATION", "oxide", 0.3, 0.6),
                    new Step("REFINING", "NdPr oxide", 0.6, 0.9),
                    new Step("MELTING", "metal", 0.7, 0.9),
                    new Step("MELTING", "alloy", 0.9, 0.99),
                    new Step("PRODUCTION", "NdFeB magnet", 0.85, 0.98))),
            new Material("W", 12, 6, List.of(
                    new Step("CONCENTRATION", "concentrate", 0.3, 0.6),
                    new Step("REFINING", "APT", 0.6, 0.8),
                    new Step("REFINING", "oxide", 0.8, 0.95),
                    new Step("PRODUCTION", "powder", 0.8, 0.95),
                    new Step("MELTING", "heavy alloy", 0.9, 0.99))),
            new Material("Co", 12, 3, List.of(
                    new Step("CONCENTRATION", "concentrate", 0.2, 0.5),
                    new Step("REFINING", "hydroxide", 0.5, 0.8),
                    new Step("REFINING", "sulfate", 0.8, 0.95),
                    new Step("PRODUCTION", "cathode powder", 0.85, 0.98))),
            new Material("Li", 15, 1.5, List.of(
                    new Step("CONCENTRATION", "spodumene concentrate", 0.15, 0.3),
                    new Step("REFINING", "carbonate", 0.4, 0.7),
                    new Step("REFINING", "hydroxide", 0.8, 0.95),
                    new Step("PRODUCTION", "cathode material", 0.85, 0.98))),
            new Material("Ta", 8, 40, List.of(
                    new Step("CONCENTRATION", "concentrate", 0.1, 0.3),
                    new Step("REFINING", "oxide", 0.5, 0.8),
                    new Step("PRODUCTION", "powder", 0.8, 0.95),
                    new Step("MELTING", "metal", 0.9, 0.99))),
            new Material("Ga", 8, 2, List.of(
                    new Step("REFINING", "alumina liquor", 0.1, 0.3),
                    new Step("REFINING", "metal", 0.01, 0.05),
                    new Step("PRODUCTION", "wafer", 0.7, 0.9))),
            new Material("graphite", 10, 0.8, List.of(
                    new Step("CONCENTRATION", "concentrate", 0.5, 0.8),
                    new Step("PRODUCTION", "spheroidized", 0.4, 0.7),
                    new Step("PRODUCTION", "anode material", 0.8, 0.95))));

    /** Price floors (USD per kg) the bloc sets for some material forms. */
    static final List<Object[]> FLOORS = List.of(
            new Object[]{"REE", "oxide", "60", "2025-01-01T00:00:00Z"},
            new Object[]{"REE", "NdPr oxide", "110", "2025-01-01T00:00:00Z"},
            new Object[]{"REE", "NdFeB magnet", "180", "2025-06-01T00:00:00Z"},
            new Object[]{"W", "APT", "45", "2025-01-01T00:00:00Z"},
            new Object[]{"W", "powder", "70", "2025-01-01T00:00:00Z"},
            new Object[]{"Co", "sulfate", "9", "2025-01-01T00:00:00Z"},
            new Object[]{"Li", "carbonate", "14", "2025-01-01T00:00:00Z"},
            new Object[]{"Li", "hydroxide", "16", "2026-01-01T00:00:00Z"},
            new Object[]{"Ta", "powder", "420", "2025-01-01T00:00:00Z"},
            new Object[]{"Ga", "metal", "300", "2025-01-01T00:00:00Z"},
            new Object[]{"graphite", "anode material", "7", "2025-01-01T00:00:00Z"});

    public record Facility(String id, String name, String kind, String country, String ownerCountry, String mineral) {
    }

    /** The deep DAG: waves of chains; every chain of a wave depends only on earlier waves. */
    /** blenderId: the processor every blend of the DAG happens at (the facility a correction phase corrects). */
    public record Dag(List<List<Chain>> waves, String rootLotId, int ancestorLots, int depth, int leaves,
                      String blenderId) {
    }

    private static final Instant CHAINS_FROM = Instant.parse("2026-02-01T00:00:00Z");
    private static final Instant DAG_FROM = Instant.parse("2026-01-10T00:00:00Z");

    private final long seed;
    private final ObjectMapper json;
    private final List<Facility> mines = new ArrayList<>();
    private final List<Facility> processors = new ArrayList<>();
    private final List<Facility> traders = new ArrayList<>();
    private final List<Facility> buyers = new ArrayList<>();
    private final Map<String, List<Facility>> minesByMineral = new LinkedHashMap<>();

    public SupplyChainGenerator(long seed) {
        this.seed = seed;
        this.json = tools.jackson.databind.json.JsonMapper.builder()
                .disable(SerializationFeature.INDENT_OUTPUT)
                .disable(tools.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .build();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < MINES; i++) {
            // Every country gets a mine; the rest are skewed towards the big producers.
            String country = i < MINE_COUNTRIES.size() ? MINE_COUNTRIES.get(i)
                    : MINE_COUNTRIES.get(skewed(random, MINE_COUNTRIES.size()));
            String mineral = pickMaterial(random).mineral();
            Facility mine = new Facility("MINE-%s-%03d".formatted(country, i + 1),
                                         "%s mine %d".formatted(mineral, i + 1), "MINE", country,
                                         foreignOwner(random, country, 0.2), mineral);
            mines.add(mine);
            minesByMineral.computeIfAbsent(mineral, k -> new ArrayList<>()).add(mine);
        }
        for (int i = 0; i < PROCESSORS; i++) {
            String country = PROCESSOR_COUNTRIES.get(i < PROCESSOR_COUNTRIES.size() ? i
                    : random.nextInt(PROCESSOR_COUNTRIES.size()));
            processors.add(new Facility("PROC-%s-%02d".formatted(country, i + 1), "Processing plant " + (i + 1),
                                        "PROCESSOR", country, foreignOwner(random, country, 0.15), null));
        }
        for (int i = 0; i < TRADERS; i++) {
            String country = TRADER_COUNTRIES.get(random.nextInt(TRADER_COUNTRIES.size()));
            traders.add(new Facility("TRADER-%s-%02d".formatted(country, i + 1), "Metals trader " + (i + 1),
                                     "TRADER", country, foreignOwner(random, country, 0.1), null));
        }
        for (int i = 0; i < BUYERS; i++) {
            String country = BUYER_COUNTRIES.get(random.nextInt(BUYER_COUNTRIES.size()));
            buyers.add(new Facility("BUY-%s-%03d".formatted(country, i + 1), "Manufacturer " + (i + 1), "BUYER",
                                    country, foreignOwner(random, country, 0.05), null));
        }
    }

    public long seed() {
        return seed;
    }

    public List<Facility> facilities() {
        List<Facility> all = new ArrayList<>(mines);
        all.addAll(processors);
        all.addAll(traders);
        all.addAll(buyers);
        return all;
    }

    /** Facilities, the bloc, its members and price floors: written once before any chain. */
    public List<Op> setup() {
        List<Op> ops = new ArrayList<>();
        for (Facility f : facilities()) {
            ObjectNode body = json.createObjectNode().put("id", f.id()).put("name", f.name()).put("kind", f.kind())
                                  .put("country", f.country());
            if (f.ownerCountry() != null) {
                body.put("ownerCountry", f.ownerCountry());
            }
            ops.add(op("facility", "POST", "/api/facilities", body));
        }
        ops.add(op("bloc", "POST", "/api/blocs", json.createObjectNode().put("id", BLOC).put("name", "Allied minerals bloc")));
        MEMBERS.forEach((country, from) -> ops.add(admission(country, from)));
        for (Object[] floor : FLOORS) {
            ops.add(priceFloor((String) floor[0], (String) floor[1], new BigDecimal((String) floor[2]), (String) floor[3]));
        }
        return ops;
    }

    /** Chain number {@code index}: from mines through 1 to 8 stages to a buyer. */
    public Chain chain(int index) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index * 7_919L + 17);
        String prefix = "C" + index;
        ChainBuilder b = new ChainBuilder(prefix, CHAINS_FROM.plus(Duration.ofMinutes(7L * index)));
        Material material = pickMaterial(random);

        // How deep: mostly 3 to 8 stages, some short ones; the material's own steps, then regrouping.
        int stages = random.nextDouble() < 0.1 ? 1 + random.nextInt(2) : 3 + random.nextInt(MAX_STAGES - 2);
        List<Step> steps = new ArrayList<>(material.steps());
        while (steps.size() < stages) {
            // Insert blends and splits between the material's steps (traders and processors regroup lots).
            int at = 1 + random.nextInt(steps.size());
            steps.add(Math.min(at, steps.size()), random.nextBoolean()
                    ? new Step("BLENDING", null, 1.0, 1.0) : new Step("SPLITTING", null, 1.0, 1.0));
        }
        steps = new ArrayList<>(steps.subList(0, stages));

        // Extraction: 1 to 20 ore lots from 1 to 4 mines of this mineral.
        int oreLots = random.nextDouble() < 0.15 ? MAX_BLEND : 1 + random.nextInt(8);
        List<Facility> candidates = minesByMineral.getOrDefault(material.mineral(), mines);
        List<Facility> chosenMines = new ArrayList<>();
        int mineCount = 1 + random.nextInt(Math.min(4, oreLots));
        for (int i = 0; i < mineCount; i++) {
            chosenMines.add(candidates.get(random.nextInt(candidates.size())));
        }
        List<LotState> current = new ArrayList<>();
        for (int j = 0; j < oreLots; j++) {
            Facility mine = chosenMines.get(j % chosenMines.size());
            BigDecimal mass = mass(random, 200, 20_000);
            String lotId = prefix + "-ORE-" + j;
            b.add(op("extraction", "POST", "/api/lots/extractions", json.createObjectNode()
                    .put("lotId", lotId).put("mineId", mine.id()).put("mineral", material.mineral()).put("form", "ore")
                    .put("massKg", mass).put("occurredAt", b.tick().toString())), 1);
            current.add(new LotState(lotId, mine.id(), mass, "ore"));
        }

        String form = "ore";
        Facility at = processors.get(random.nextInt(processors.size()));
        int maxInputs = 0;
        double price = material.orePricePerKg();
        for (int s = 0; s < steps.size(); s++) {
            Step step = steps.get(s);
            boolean regroup = step.form() == null;
            // Move the material to where this stage happens (sometimes it stays where it is).
            Facility next = s == 0 || random.nextDouble() < 0.7
                    ? (regroup && random.nextBoolean() ? traders.get(random.nextInt(traders.size()))
                    : processors.get(random.nextInt(processors.size())))
                    : at;
            if ((s == 0 && regroup) || (!regroup && "TRADER".equals(next.kind()))) {
                // Traders only blend and split: other stages happen at a processor.
                next = processors.get(random.nextInt(processors.size()));
            }
            for (LotState lot : current) {
                if (!lot.custodian.equals(next.id())) {
                    b.transfer(lot, next, price(random, material.mineral(), form, price), b.tick());
                }
            }
            at = next;
            Instant when = b.tick();

            // Inputs: the chain's lots, plus now and then material registered at this facility.
            List<Object[]> inputs = new ArrayList<>();
            for (LotState lot : current) {
                BigDecimal take = current.size() == 1 && random.nextDouble() < 0.1
                        ? lot.remaining.multiply(new BigDecimal("0.9")).setScale(3, RoundingMode.DOWN) : lot.remaining;
                inputs.add(new Object[]{lot.id, take});
                lot.remaining = lot.remaining.subtract(take);
            }
            if (s > 0 && random.nextDouble() < 0.15 && inputs.size() < MAX_BLEND) {
                int extra = 1 + random.nextInt(Math.min(5, MAX_BLEND - inputs.size()));
                BigDecimal scale = inputs.stream().map(i -> (BigDecimal) i[1]).reduce(BigDecimal.ZERO, BigDecimal::add);
                for (int q = 0; q < extra; q++) {
                    String lotId = prefix + "-REG-" + s + "-" + q;
                    BigDecimal m = scale.multiply(BigDecimal.valueOf(0.05 + random.nextDouble() * 0.2))
                                        .setScale(3, RoundingMode.HALF_UP).max(new BigDecimal("0.001"));
                    ObjectNode body = json.createObjectNode().put("lotId", lotId).put("custodianId", at.id())
                                          .put("mineral", material.mineral()).put("form", form).put("massKg", m);
                    if (random.nextDouble() < 0.7) {
                        body.put("declaredOrigin", DECLARED_ORIGINS.get(random.nextInt(DECLARED_ORIGINS.size())));
                    }
                    body.put("occurredAt", when.toString());
                    b.add(op("registration", "POST", "/api/lots/registrations", body), 1);
                    inputs.add(new Object[]{lotId, m});
                }
            }
            maxInputs = Math.max(maxInputs, inputs.size());

            // Outputs: one lot, or 2 to 3 for a split; now and then more mass out than in.
            BigDecimal consumed = inputs.stream().map(i -> (BigDecimal) i[1]).reduce(BigDecimal.ZERO, BigDecimal::add);
            double yield = random.nextDouble() < 0.02 ? 1.05
                    : step.yieldLow() + random.nextDouble() * (step.yieldHigh() - step.yieldLow());
            BigDecimal produced = consumed.multiply(BigDecimal.valueOf(yield)).setScale(3, RoundingMode.HALF_UP)
                                          .max(new BigDecimal("0.003"));
            String outForm = regroup ? form : step.form();
            String stage = step.stage();
            int outputs = "SPLITTING".equals(stage) ? 2 + random.nextInt(2) : 1;
            List<LotState> made = new ArrayList<>();
            BigDecimal left = produced;
            for (int o = 0; o < outputs; o++) {
                BigDecimal m = o == outputs - 1 ? left
                        : produced.divide(BigDecimal.valueOf(outputs), 3, RoundingMode.DOWN);
                left = left.subtract(m);
                made.add(new LotState(prefix + "-L" + s + "-" + o, at.id(), m, outForm));
            }
            ObjectNode body = json.createObjectNode().put("id", prefix + "-X" + s).put("facilityId", at.id())
                                  .put("stage", stage);
            ArrayNode in = body.putArray("inputs");
            inputs.forEach(i -> in.addObject().put("lotId", (String) i[0]).put("massKg", (BigDecimal) i[1]));
            ArrayNode out = body.putArray("outputs");
            made.forEach(l -> out.addObject().put("lotId", l.id).put("mineral", material.mineral())
                                 .put("form", l.form).put("massKg", l.remaining));
            body.put("occurredAt", when.toString());
            b.add(op("transformation", "POST", "/api/transformations", body), inputs.size() + 1 + made.size());
            form = outForm;
            price = price / Math.max(0.05, yield) * (1.05 + random.nextDouble() * 0.2);

            // A split's extra lots are sold straight away; the first one goes on.
            for (int o = 1; o < made.size(); o++) {
                b.transfer(made.get(o), buyers.get(random.nextInt(buyers.size())),
                           price(random, material.mineral(), form, price), b.tick());
            }
            current = new ArrayList<>(List.of(made.get(0)));
        }
        LotState last = current.get(0);
        b.transfer(last, buyers.get(random.nextInt(buyers.size())), price(random, material.mineral(), form, price),
                   b.tick());
        return new Chain(prefix, List.copyOf(b.ops), steps.size(), maxInputs, last.id, b.events);
    }

    public List<Chain> chains(int from, int count) {
        List<Chain> chains = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            chains.add(chain(i));
        }
        return chains;
    }

    /**
     * The deep DAG: {@code groups} blends of 20 lots each (a quarter mined and delivered, the rest
     * registered at the blender with a declared origin), then blends
     * of 8 of those, and so on up to one root lot. With 512 groups (scale 1): 10,240 ore lots, 512 +
     * 64 + 8 intermediate lots and the root, whose upstream lineage has 10,824 ancestor lots.
     */
    public Dag dag(int groups) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<Facility> reeMines = minesByMineral.getOrDefault("REE", mines);
        Facility blender = processors.get(random.nextInt(processors.size()));
        List<List<Chain>> waves = new ArrayList<>();
        List<Chain> first = new ArrayList<>();
        List<String[]> layer = new ArrayList<>(); // lot id, mass
        int ancestors = 0;
        int leaves = 0;
        for (int g = 0; g < groups; g++) {
            String prefix = "DAG-G" + g;
            ChainBuilder b = new ChainBuilder(prefix, DAG_FROM.plus(Duration.ofSeconds(30L * g)));
            List<Object[]> inputs = new ArrayList<>();
            for (int j = 0; j < MAX_BLEND; j++) {
                String lotId = prefix + "-ORE-" + j;
                BigDecimal mass = mass(random, 100, 5_000);
                if (j % 4 == 0) {
                    // A quarter is mined and delivered to the blender...
                    Facility mine = reeMines.get(random.nextInt(reeMines.size()));
                    b.add(op("extraction", "POST", "/api/lots/extractions", json.createObjectNode()
                            .put("lotId", lotId).put("mineId", mine.id()).put("mineral", "REE").put("form", "ore")
                            .put("massKg", mass).put("occurredAt", b.tick().toString())), 1);
                    LotState lot = new LotState(lotId, mine.id(), mass, "ore");
                    b.transfer(lot, blender, BigDecimal.valueOf(3 + random.nextInt(5)), b.tick());
                } else {
                    // ...the rest arrives as traded material registered there, mostly with a declared origin.
                    ObjectNode body = json.createObjectNode().put("lotId", lotId).put("custodianId", blender.id())
                                          .put("mineral", "REE").put("form", "ore").put("massKg", mass);
                    if (random.nextDouble() < 0.9) {
                        body.put("declaredOrigin", DECLARED_ORIGINS.get(random.nextInt(DECLARED_ORIGINS.size())));
                    }
                    body.put("occurredAt", b.tick().toString());
                    b.add(op("registration", "POST", "/api/lots/registrations", body), 1);
                }
                inputs.add(new Object[]{lotId, mass});
                leaves++;
            }
            ancestors += inputs.size();
            String out = prefix + "-BLEND";
            BigDecimal total = b.blend(prefix + "-X", blender, inputs, out, DAG_FROM.plus(Duration.ofDays(2)));
            first.add(new Chain(prefix, List.copyOf(b.ops), 1, inputs.size(), out, b.events));
            layer.add(new String[]{out, total.toPlainString()});
        }
        waves.add(first);
        int depth = 1;
        while (layer.size() > 1) {
            depth++;
            List<Chain> wave = new ArrayList<>();
            List<String[]> next = new ArrayList<>();
            boolean last = layer.size() <= 8;
            for (int g = 0; g * 8 < layer.size(); g++) {
                List<String[]> group = layer.subList(g * 8, Math.min(layer.size(), g * 8 + 8));
                String prefix = "DAG-D" + depth + "-" + g;
                ChainBuilder b = new ChainBuilder(prefix, DAG_FROM);
                List<Object[]> inputs = new ArrayList<>();
                group.forEach(l -> inputs.add(new Object[]{l[0], new BigDecimal(l[1])}));
                ancestors += inputs.size();
                String out = last ? "DAG-ROOT" : prefix + "-BLEND";
                BigDecimal total = b.blend(prefix + "-X", blender, inputs, out, DAG_FROM.plus(Duration.ofDays(1L + depth)));
                wave.add(new Chain(prefix, List.copyOf(b.ops), depth, inputs.size(), out, b.events));
                next.add(new String[]{out, total.toPlainString()});
            }
            waves.add(wave);
            layer = next;
        }
        if (waves.size() == 1) {
            // A single group: its blend is the root.
            return new Dag(waves, layer.get(0)[0], ancestors, depth, leaves, blender.id());
        }
        return new Dag(waves, "DAG-ROOT", ancestors, depth, leaves, blender.id());
    }

    private final class ChainBuilder {
        final String prefix;
        final List<Op> ops = new ArrayList<>();
        Instant clock;
        int transfers;
        int events;

        ChainBuilder(String prefix, Instant start) {
            this.prefix = prefix;
            this.clock = start;
        }

        Instant tick() {
            clock = clock.plus(Duration.ofMinutes(20));
            return clock;
        }

        void add(Op op, int events) {
            ops.add(op);
            this.events += events;
        }

        void transfer(LotState lot, Facility to, BigDecimal unitPrice, Instant when) {
            ObjectNode body = json.createObjectNode().put("id", prefix + "-T" + (transfers++)).put("lotId", lot.id)
                                  .put("fromFacilityId", lot.custodian).put("toFacilityId", to.id());
            if (unitPrice != null) {
                body.putObject("unitPrice").put("amount", unitPrice).put("currency", "USD");
            }
            body.put("occurredAt", when.toString());
            add(op("transfer", "POST", "/api/transfers", body), 1);
            lot.custodian = to.id();
        }

        BigDecimal blend(String id, Facility at, List<Object[]> inputs, String outputLot, Instant when) {
            ObjectNode body = json.createObjectNode().put("id", id).put("facilityId", at.id()).put("stage", "BLENDING");
            ArrayNode in = body.putArray("inputs");
            BigDecimal total = BigDecimal.ZERO;
            for (Object[] i : inputs) {
                in.addObject().put("lotId", (String) i[0]).put("massKg", (BigDecimal) i[1]);
                total = total.add((BigDecimal) i[1]);
            }
            body.putArray("outputs").addObject().put("lotId", outputLot).put("mineral", "REE").put("form", "ore blend")
                .put("massKg", total);
            body.put("occurredAt", when.toString());
            add(op("transformation", "POST", "/api/transformations", body), inputs.size() + 2);
            return total;
        }
    }

    private static final class LotState {
        final String id;
        String custodian;
        BigDecimal remaining;
        final String form;

        LotState(String id, String custodian, BigDecimal remaining, String form) {
            this.id = id;
            this.custodian = custodian;
            this.remaining = remaining;
            this.form = form;
        }
    }

    private Op admission(String country, String from) {
        ObjectNode body = json.createObjectNode().put("effectiveFrom", from);
        ObjectNode line = json.createObjectNode().put("type", "admission").put("blocId", BLOC).put("country", country)
                              .put("effectiveFrom", from);
        return new Op("admission", "PUT", "/api/blocs/" + BLOC + "/members/" + country, write(body), write(line));
    }

    private Op priceFloor(String mineral, String form, BigDecimal pricePerKg, String from) {
        ObjectNode body = json.createObjectNode().put("currency", "USD").put("pricePerKg", pricePerKg)
                              .put("effectiveFrom", from);
        ObjectNode line = json.createObjectNode().put("type", "price-floor").put("blocId", BLOC).put("mineral", mineral)
                              .put("form", form).put("currency", "USD").put("pricePerKg", pricePerKg)
                              .put("effectiveFrom", from);
        return new Op("price-floor", "PUT", "/api/blocs/" + BLOC + "/price-floors/" + segment(mineral) + "/"
                + segment(form), write(body), write(line));
    }

    private Op op(String kind, String method, String path, ObjectNode body) {
        ObjectNode line = json.createObjectNode().put("type", kind);
        line.setAll(body);
        return new Op(kind, method, path, write(body), write(line));
    }

    private String write(ObjectNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A unit price near the material's going rate; one in eight is well below it (below the floor, if any). */
    private static BigDecimal price(SplittableRandom random, String mineral, String form, double going) {
        if (random.nextDouble() < 0.25) {
            return null;
        }
        double floor = FLOORS.stream().filter(f -> f[0].equals(mineral) && f[1].equals(form))
                             .mapToDouble(f -> Double.parseDouble((String) f[2])).findFirst().orElse(going);
        double base = Math.max(going, floor);
        double amount = random.nextDouble() < 0.125 ? base * (0.6 + random.nextDouble() * 0.3)
                : base * (1.0 + random.nextDouble() * 0.4);
        return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP).max(new BigDecimal("0.01"));
    }

    private static BigDecimal mass(SplittableRandom random, int low, int high) {
        return BigDecimal.valueOf(low + random.nextDouble() * (high - low)).setScale(3, RoundingMode.HALF_UP);
    }

    private static Material pickMaterial(SplittableRandom random) {
        int total = MATERIALS.stream().mapToInt(Material::weight).sum();
        int r = random.nextInt(total);
        for (Material m : MATERIALS) {
            r -= m.weight();
            if (r < 0) {
                return m;
            }
        }
        return MATERIALS.get(0);
    }

    /** An index skewed towards the start of a list (big producers first). */
    private static int skewed(SplittableRandom random, int size) {
        double u = random.nextDouble();
        return Math.min(size - 1, (int) (size * u * u));
    }

    private static String foreignOwner(SplittableRandom random, String country, double probability) {
        if (random.nextDouble() >= probability) {
            return null;
        }
        String owner = OWNER_COUNTRIES.get(random.nextInt(OWNER_COUNTRIES.size()));
        return owner.equals(country) ? null : owner;
    }

    private static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
