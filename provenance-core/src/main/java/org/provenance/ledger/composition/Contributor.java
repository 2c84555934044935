package org.provenance.ledger.composition;

/**
 * An upstream touchpoint of a lot: a facility its material went through, at which stage, with a
 * lot that was recorded there. Kept with every lot's composition so that flag evidence and, later,
 * corrections of a facility's facts never need a walk of the upstream graph.
 *
 * @param stage             a {@link org.provenance.ledger.transformation.Stage} name, or
 *                          {@link #DECLARED} / {@link #UNDECLARED} for registered material
 * @param country           the facility's country; for {@link #DECLARED}, the declared origin
 * @param introducesUnknown whether material of unknown origin entered here (an undeclared
 *                          registration, or a transformation's surplus)
 */
public record Contributor(String facilityId, String country, String ownerCountry, String stage, String lotId,
                          boolean introducesUnknown) {

    public static final String DECLARED = "DECLARED_ORIGIN";
    public static final String UNDECLARED = "UNDECLARED_ORIGIN";

    public boolean isOrigin() {
        return "MINING".equals(stage) || DECLARED.equals(stage);
    }

    public boolean isProcessing() {
        return !isOrigin() && !UNDECLARED.equals(stage);
    }

    /** The controlling owner's country when it differs from the location, else null. */
    public String foreignOwner() {
        return ownerCountry == null || ownerCountry.equals(country) ? null : ownerCountry;
    }

    /** Same facility at the same stage: one entry is enough as evidence. */
    boolean sameTouchpoint(Contributor other) {
        return facilityId.equals(other.facilityId) && stage.equals(other.stage);
    }
}
