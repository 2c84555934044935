package org.provenance.ledger.composition;

import org.provenance.ledger.transformation.Stage;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What a lot is made of: its mass partitioned into routes with shares summing to 1 (SPEC 3,
 * "controlled blending" in ISO 22095 terms).
 * <p>
 * Precision: shares are decimals with 34 significant digits (IEEE 754 decimal128), divisions
 * rounded half-even. Every share is built from positive masses by division, multiplication and
 * addition only, never subtraction, so a share is zero exactly when no material of its route is
 * present; rounding can move the 34th digit, never reach zero. Sums of shares equal 1 to within
 * a few units of the 34th digit.
 */
public final class Composition {

    public static final MathContext PRECISION = MathContext.DECIMAL128;

    private final Map<Route, BigDecimal> shares;

    private Composition(Map<Route, BigDecimal> shares) {
        this.shares = Collections.unmodifiableMap(shares);
    }

    public static Composition of(Map<Route, BigDecimal> shares) {
        return new Composition(new LinkedHashMap<>(shares));
    }

    public static Composition single(Route route) {
        return new Composition(Map.of(route, BigDecimal.ONE));
    }

    public record Input(Composition composition, BigDecimal massKg) {
    }

    /**
     * The composition of every output of a transformation (SPEC 3 rule 3): inputs weighted by the
     * mass consumed, each route gaining the stage in the facility's country, and any output in
     * excess of the input an untraced surplus route.
     */
    public static Composition transform(List<Input> inputs, Stage stage, String country, String ownerCountry,
                                        BigDecimal producedKg) {
        BigDecimal consumed = BigDecimal.ZERO;
        for (Input input : inputs) {
            consumed = consumed.add(input.massKg());
        }
        boolean surplus = producedKg.compareTo(consumed) > 0;
        // Traced routes keep X/Y of the output when Y > X; x_i/X * X/Y = x_i/Y.
        BigDecimal denominator = surplus ? producedKg : consumed;
        Map<Route, BigDecimal> result = new LinkedHashMap<>();
        for (Input input : inputs) {
            BigDecimal weight = input.massKg().divide(denominator, PRECISION);
            input.composition().shares.forEach((route, share) -> result.merge(
                    route.through(stage, country, ownerCountry), share.multiply(weight, PRECISION),
                    (a, b) -> a.add(b, PRECISION)));
        }
        if (surplus) {
            BigDecimal untraced = producedKg.subtract(consumed).divide(producedKg, PRECISION);
            result.merge(Route.surplus(stage, country, ownerCountry), untraced, (a, b) -> a.add(b, PRECISION));
        }
        return new Composition(result);
    }

    public Map<Route, BigDecimal> shares() {
        return shares;
    }

    /** Routes ordered by share, largest first, then by origin: a stable order for display and hashing. */
    public List<Map.Entry<Route, BigDecimal>> ordered() {
        List<Map.Entry<Route, BigDecimal>> entries = new ArrayList<>(shares.entrySet());
        entries.sort(Comparator.<Map.Entry<Route, BigDecimal>, BigDecimal>comparing(Map.Entry::getValue).reversed()
                               .thenComparing(e -> e.getKey().toString()));
        return entries;
    }

    /** The sum of the shares of routes matching the predicate. */
    public BigDecimal share(Predicate<Route> which) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Map.Entry<Route, BigDecimal> entry : shares.entrySet()) {
            if (which.test(entry.getKey())) {
                sum = sum.add(entry.getValue(), PRECISION);
            }
        }
        return sum;
    }

    public BigDecimal total() {
        return share(route -> true);
    }
}
