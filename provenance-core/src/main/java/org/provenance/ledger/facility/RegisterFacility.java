package org.provenance.ledger.facility;

import org.provenance.ledger.common.StreamIds;
import org.provenance.ledger.common.ValidatedCommand;
import org.provenance.ledger.common.Validation;

/**
 * Admits a mine, processor, trader or buyer to the ledger. ownerCountry is the controlling owner's
 * country, if known; externalId its identifier in an outside list (an RMI smelter id), if any.
 */
public record RegisterFacility(String id, String name, FacilityKind kind, String country, String ownerCountry,
                               ExternalId externalId, java.util.List<String> locations) implements ValidatedCommand {

    private static final java.util.regex.Pattern SCHEME = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,32}");
    private static final java.util.regex.Pattern VALUE = java.util.regex.Pattern.compile("[A-Za-z0-9._:/-]{1,64}");

    /** EPCIS locations and parties (SPEC 11), in URN form: what a readPoint, bizLocation, source or destination names. */
    private static final java.util.regex.Pattern LOCATION =
            java.util.regex.Pattern.compile("urn:epc:id:(sgln|pgln):[0-9]{6,12}\\.[0-9]{0,6}(\\.[A-Za-z0-9._%-]{1,20})?");

    public RegisterFacility(String id, String name, FacilityKind kind, String country, String ownerCountry) {
        this(id, name, kind, country, ownerCountry, null, null);
    }

    public RegisterFacility(String id, String name, FacilityKind kind, String country, String ownerCountry,
                            ExternalId externalId) {
        this(id, name, kind, country, ownerCountry, externalId, null);
    }

    @Override
    public void validate(Validation check) {
        check.id("id", id)
             .text("name", name, 200)
             .present("kind", kind)
             .country("country", country)
             .optionalCountry("ownerCountry", ownerCountry);
        if (externalId != null) {
            if (externalId.scheme() == null || !SCHEME.matcher(externalId.scheme()).matches()) {
                check.error("externalId.scheme", "must be 1 to 32 characters of A-Z a-z 0-9 . _ - (e.g. RMI)");
            }
            if (externalId.value() == null || !VALUE.matcher(externalId.value()).matches()) {
                check.error("externalId.value", "must be 1 to 64 characters of A-Z a-z 0-9 . _ : / - (e.g. CID001234)");
            }
        }
        if (locations != null) {
            for (int i = 0; i < locations.size(); i++) {
                String location = locations.get(i);
                if (location == null || !LOCATION.matcher(location).matches()) {
                    check.error("locations[" + i + "]",
                                "must be an SGLN or PGLN (urn:epc:id:sgln:..., urn:epc:id:pgln:... or a GS1 Digital Link URI with 414 or 417)");
                }
            }
        }
    }

    public String streamId() {
        return StreamIds.facility(id);
    }
}
