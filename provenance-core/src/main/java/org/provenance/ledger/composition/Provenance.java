package org.provenance.ledger.composition;

import org.provenance.ledger.transformation.Stage;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A lot's composition together with the upstream touchpoints behind it, computed once when the
 * lot is created from its inputs' provenance: reading a lot costs the same whatever its depth.
 */
public record Provenance(Composition composition, List<Contributor> contributors) {

    public Provenance {
        contributors = List.copyOf(contributors);
    }

    public record Facility(String facilityId, String country, String ownerCountry) {
    }

    public static Provenance extracted(String lotId, Facility mine) {
        return new Provenance(Composition.single(Route.mined(mine.country(), mine.ownerCountry())),
                              List.of(new Contributor(mine.facilityId(), mine.country(), mine.ownerCountry(),
                                                      Stage.MINING.name(), lotId, false)));
    }

    public static Provenance registered(String lotId, Facility custodian, String declaredOrigin) {
        Contributor contributor = declaredOrigin == null
                ? new Contributor(custodian.facilityId(), custodian.country(), custodian.ownerCountry(),
                                  Contributor.UNDECLARED, lotId, true)
                : new Contributor(custodian.facilityId(), declaredOrigin, null, Contributor.DECLARED, lotId, false);
        return new Provenance(Composition.single(Route.declared(declaredOrigin)), List.of(contributor));
    }

    public record Input(Provenance provenance, BigDecimal massKg) {
    }

    /** The provenance every output of a transformation gets; outputLotId stands for them in evidence. */
    public static Provenance transformed(List<Input> inputs, Stage stage, Facility facility, BigDecimal producedKg,
                                         String outputLotId) {
        List<Composition.Input> weighted = inputs.stream()
                .map(i -> new Composition.Input(i.provenance().composition(), i.massKg())).toList();
        Composition composition = Composition.transform(weighted, stage, facility.country(), facility.ownerCountry(),
                                                        producedKg);
        BigDecimal consumed = inputs.stream().map(Input::massKg).reduce(BigDecimal.ZERO, BigDecimal::add);
        List<Contributor> contributors = new ArrayList<>();
        for (Input input : inputs) {
            input.provenance().contributors().forEach(c -> add(contributors, c));
        }
        add(contributors, new Contributor(facility.facilityId(), facility.country(), facility.ownerCountry(),
                                          stage.name(), outputLotId, producedKg.compareTo(consumed) > 0));
        return new Provenance(composition, contributors);
    }

    private static void add(List<Contributor> contributors, Contributor candidate) {
        for (int i = 0; i < contributors.size(); i++) {
            Contributor existing = contributors.get(i);
            if (existing.sameTouchpoint(candidate)) {
                if (candidate.introducesUnknown() && !existing.introducesUnknown()) {
                    contributors.set(i, candidate);
                }
                return;
            }
        }
        contributors.add(candidate);
    }
}
