package org.provenance.ledger.composition;

import org.provenance.ledger.transformation.Stage;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One way material reached a lot (SPEC 3): where it was mined (or declared, or unknown), the
 * countries it went through at each stage, and the foreign controlling owners of the facilities
 * on the way. Immutable; equal routes are merged in a composition.
 *
 * @param origin  a country code, {@code DECLARED:<country>} or {@code UNKNOWN}
 * @param stages  per stage, the countries where material of this route went through it
 * @param control controlling-owner countries that differ from the facility's location
 */
public record Route(String origin, SortedMap<Stage, SortedSet<String>> stages, SortedSet<String> control) {

    public static final String UNKNOWN = "UNKNOWN";
    public static final String DECLARED_PREFIX = "DECLARED:";

    public Route {
        Objects.requireNonNull(origin, "origin");
        SortedMap<Stage, SortedSet<String>> copy = new TreeMap<>();
        stages.forEach((stage, countries) -> copy.put(stage, Collections.unmodifiableSortedSet(new TreeSet<>(countries))));
        stages = Collections.unmodifiableSortedMap(copy);
        control = Collections.unmodifiableSortedSet(new TreeSet<>(control));
    }

    public static Route mined(String country, String ownerCountry) {
        return new Route(country, new TreeMap<>(Map.of(Stage.MINING, new TreeSet<>(Set.of(country)))),
                         controlOf(country, ownerCountry));
    }

    public static Route declared(String declaredOrigin) {
        return new Route(declaredOrigin == null ? UNKNOWN : DECLARED_PREFIX + declaredOrigin,
                         new TreeMap<>(), new TreeSet<>());
    }

    /** The untraced surplus of a transformation that produced more than it consumed. */
    public static Route surplus(Stage stage, String country, String ownerCountry) {
        return new Route(UNKNOWN, new TreeMap<>(Map.of(stage, new TreeSet<>(Set.of(country)))),
                         controlOf(country, ownerCountry));
    }

    /** This route after passing through a facility in country at the stage. */
    public Route through(Stage stage, String country, String ownerCountry) {
        SortedMap<Stage, SortedSet<String>> next = new TreeMap<>();
        stages.forEach((s, countries) -> next.put(s, new TreeSet<>(countries)));
        next.computeIfAbsent(stage, s -> new TreeSet<>()).add(country);
        SortedSet<String> nextControl = new TreeSet<>(control);
        nextControl.addAll(controlOf(country, ownerCountry));
        return new Route(origin, next, nextControl);
    }

    /** The origin's country, declared or traced; null when unknown. */
    public String originCountry() {
        if (UNKNOWN.equals(origin)) {
            return null;
        }
        return origin.startsWith(DECLARED_PREFIX) ? origin.substring(DECLARED_PREFIX.length()) : origin;
    }

    public boolean isUnknown() {
        return UNKNOWN.equals(origin);
    }

    private static SortedSet<String> controlOf(String country, String ownerCountry) {
        return ownerCountry == null || ownerCountry.equals(country) ? new TreeSet<>() : new TreeSet<>(Set.of(ownerCountry));
    }
}
