package io.ibasho.event;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A place an organisation meets at. Its address is shown only as {@link #addressVisibility} allows. Never leaves the service. */
@Entity
@Table(name = "venue")
public class Venue extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "organisation_id")
    public String organisationId;

    @Column(name = "name_ja")
    public String nameJa;

    @Column(name = "name_en")
    public String nameEn;
    /** Ward or area (e.g. 世田谷区), public: people choose by area even when the address is hidden. */
    public String area;

    /** The area in English (e.g. Hinata Ward), optional: English pages fall back to {@link #area}. */
    @Column(name = "area_en")
    public String areaEn;

    @Column(name = "accessibility_ja")
    public String accessibilityJa;

    @Column(name = "accessibility_en")
    public String accessibilityEn;

    @Column(name = "capacity_ceiling")
    public Integer capacityCeiling;

    @Column(name = "can_host_childcare")
    public boolean canHostChildcare;
    /** Sensitive for shelters: read only through {@code VenueMapper}, which applies the visibility. */
    public String address;

    @Enumerated(EnumType.STRING)
    @Column(name = "address_visibility")
    public AddressVisibility addressVisibility;

    @Column(name = "rooms_json")
    public String roomsJson = "[]";

    @Column(name = "partner_groups_json")
    public String partnerGroupsJson = "[]";

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public enum AddressVisibility {
        /** Anyone may see it: public list, feeds, partners. */
        PUBLIC,
        /** Released only to confirmed attendees (by registration/notification), never in public or partner views. */
        ATTENDEES_ONLY,
        /** Never shown by the system at all (a shelter); staff give directions in person. */
        NEVER
    }

    /** The address if and only if anyone may see it. */
    public String publicAddress() {
        return addressVisibility == AddressVisibility.PUBLIC ? address : null;
    }
}
