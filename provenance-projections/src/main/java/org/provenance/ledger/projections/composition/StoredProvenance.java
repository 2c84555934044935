package org.provenance.ledger.projections.composition;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import org.provenance.ledger.composition.Composition;
import org.provenance.ledger.composition.Contributor;
import org.provenance.ledger.composition.Provenance;
import org.provenance.ledger.composition.Route;
import org.provenance.ledger.projections.support.StoredText;
import org.provenance.ledger.transformation.Stage;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The JSON form of a provenance in lot_composition. Shares are written as exact JSON numbers and
 * read back as BigDecimal: they never pass through a double.
 */
public final class StoredProvenance {

    public record StoredRoute(String origin, SortedMap<Stage, SortedSet<String>> stages, SortedSet<String> control,
                              BigDecimal share) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(tools.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            // Domain records have derived isX() methods (isOrigin, isUnknown); only their components are data.
            .changeDefaultVisibility(checker -> checker.withIsGetterVisibility(JsonAutoDetect.Visibility.NONE))
            // jsonb cannot hold U+0000 either: facility ids and countries go in as StoredText.
            .addModule(StoredText.jsonModule())
            .build();
    private static final ObjectReader ROUTES = JSON.readerFor(StoredRoute[].class);
    private static final ObjectReader CONTRIBUTORS = JSON.readerFor(Contributor[].class);

    private StoredProvenance() {
    }

    public static String routes(Composition composition) {
        return write(composition.ordered().stream()
                                .map(e -> new StoredRoute(e.getKey().origin(), e.getKey().stages(), e.getKey().control(),
                                                          e.getValue()))
                                .toList());
    }

    public static String contributors(List<Contributor> contributors) {
        return write(contributors);
    }

    public static Provenance read(String routesJson, String contributorsJson) {
        try {
            Contributor[] contributors = CONTRIBUTORS.readValue(contributorsJson);
            return new Provenance(composition(routesJson), Arrays.asList(contributors));
        } catch (JacksonException e) {
            throw new IllegalStateException("lot_composition holds unreadable JSON", e);
        }
    }

    /** The composition alone, for a lot read: its contributors are not shown there. */
    public static Composition composition(String routesJson) {
        try {
            StoredRoute[] routes = ROUTES.readValue(routesJson);
            Map<Route, BigDecimal> shares = new LinkedHashMap<>();
            for (StoredRoute r : routes) {
                shares.put(new Route(r.origin(), new TreeMap<>(r.stages()), new TreeSet<>(r.control())), r.share());
            }
            return Composition.of(shares);
        } catch (JacksonException e) {
            throw new IllegalStateException("lot_composition holds unreadable JSON", e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }
}
