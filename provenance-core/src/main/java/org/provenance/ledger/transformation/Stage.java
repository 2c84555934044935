package org.provenance.ledger.transformation;

/** What a processing step did to the material (SPEC 1). MINING is the stage of an extraction. */
public enum Stage {
    MINING, CONCENTRATION, SEPARATION, REFINING, MELTING, PRODUCTION, RECYCLING, BLENDING, SPLITTING;

    /** Blending and splitting only regroup material, so traders may record them too. */
    public boolean isRegrouping() {
        return this == BLENDING || this == SPLITTING;
    }
}
