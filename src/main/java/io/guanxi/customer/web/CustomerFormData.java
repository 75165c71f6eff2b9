package io.guanxi.customer.web;

import io.guanxi.customer.CustomerDetails;
import io.guanxi.customer.CustomerKind;
import io.guanxi.customer.CustomerView;
import io.guanxi.customer.Gender;
import io.guanxi.customer.PartyType;
import io.guanxi.customer.SourceChannel;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;

/** The customer form, kept apart from the domain so half-typed input can be shown back. */
public class CustomerFormData {

    @NotNull
    private PartyType partyType = PartyType.PERSON;

    @NotNull
    private CustomerKind kind = CustomerKind.RETAIL;

    @Size(max = 200)
    private String displayName;

    @Size(max = 100)
    private String familyName;

    @Size(max = 100)
    private String givenName;

    private Gender gender;

    @Past
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate birthday;

    @Size(max = 40)
    private String phone;

    @Size(max = 254)
    private String email;

    @Size(max = 64)
    private String province;

    @Size(max = 64)
    private String city;

    @Size(max = 64)
    private String district;

    @Size(max = 300)
    private String street;

    @Size(max = 16)
    private String postcode;

    @Size(max = 40)
    private String idNumber;

    private java.util.Map<String, String> custom = new java.util.LinkedHashMap<>();

    private SourceChannel sourceChannel = SourceChannel.STORE;
    private Long storeId;
    private Long ownerId;

    static CustomerFormData from(CustomerView c) {
        CustomerFormData f = new CustomerFormData();
        f.partyType = c.partyType();
        f.kind = c.kind();
        f.displayName = c.displayName();
        f.familyName = c.familyName();
        f.givenName = c.givenName();
        f.gender = c.gender();
        f.birthday = c.birthday();
        f.phone = c.phone();
        f.email = c.email();
        f.province = c.province();
        f.city = c.city();
        f.district = c.district();
        f.street = c.street();
        f.postcode = c.postcode();
        f.idNumber = c.idNumber();
        f.sourceChannel = c.sourceChannel();
        f.storeId = c.storeId();
        f.ownerId = c.ownerId();
        return f;
    }

    public java.util.Map<String, String> getCustom() {
        return custom;
    }

    public void setCustom(java.util.Map<String, String> custom) {
        this.custom = custom;
    }

    /** Blanks the personal data a user without PII_READ may not see. */
    void hidePersonalData() {
        phone = null;
        email = null;
        idNumber = null;
        street = null;
    }

    /** Personal data left blank on the form stays as it is (the user could not see it to retype it). */
    static CustomerDetails keepHidden(CustomerDetails d, CustomerView existing) {
        return new CustomerDetails(
                d.partyType(),
                d.kind(),
                d.displayName(),
                d.familyName(),
                d.givenName(),
                d.gender(),
                d.birthday(),
                d.phone() == null || d.phone().isBlank() ? existing.phone() : d.phone(),
                d.email() == null || d.email().isBlank() ? existing.email() : d.email(),
                d.province(),
                d.city(),
                d.district(),
                d.street() == null || d.street().isBlank() ? existing.street() : d.street(),
                d.postcode(),
                d.idNumber() == null || d.idNumber().isBlank() ? existing.idNumber() : d.idNumber(),
                d.sourceChannel(),
                d.storeId(),
                d.ownerId());
    }

    CustomerDetails toDetails() {
        return new CustomerDetails(
                partyType,
                kind,
                displayName,
                familyName,
                givenName,
                gender,
                birthday,
                phone,
                email,
                province,
                city,
                district,
                street,
                postcode,
                idNumber,
                sourceChannel,
                storeId,
                ownerId);
    }

    public PartyType getPartyType() {
        return partyType;
    }

    public void setPartyType(PartyType partyType) {
        this.partyType = partyType;
    }

    public CustomerKind getKind() {
        return kind;
    }

    public void setKind(CustomerKind kind) {
        this.kind = kind;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getFamilyName() {
        return familyName;
    }

    public void setFamilyName(String familyName) {
        this.familyName = familyName;
    }

    public String getGivenName() {
        return givenName;
    }

    public void setGivenName(String givenName) {
        this.givenName = givenName;
    }

    public Gender getGender() {
        return gender;
    }

    public void setGender(Gender gender) {
        this.gender = gender;
    }

    public LocalDate getBirthday() {
        return birthday;
    }

    public void setBirthday(LocalDate birthday) {
        this.birthday = birthday;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getProvince() {
        return province;
    }

    public void setProvince(String province) {
        this.province = province;
    }

    public String getCity() {
        return city;
    }

    public void setCity(String city) {
        this.city = city;
    }

    public String getDistrict() {
        return district;
    }

    public void setDistrict(String district) {
        this.district = district;
    }

    public String getStreet() {
        return street;
    }

    public void setStreet(String street) {
        this.street = street;
    }

    public String getPostcode() {
        return postcode;
    }

    public void setPostcode(String postcode) {
        this.postcode = postcode;
    }

    public String getIdNumber() {
        return idNumber;
    }

    public void setIdNumber(String idNumber) {
        this.idNumber = idNumber;
    }

    public SourceChannel getSourceChannel() {
        return sourceChannel;
    }

    public void setSourceChannel(SourceChannel sourceChannel) {
        this.sourceChannel = sourceChannel;
    }

    public Long getStoreId() {
        return storeId;
    }

    public void setStoreId(Long storeId) {
        this.storeId = storeId;
    }

    public Long getOwnerId() {
        return ownerId;
    }

    public void setOwnerId(Long ownerId) {
        this.ownerId = ownerId;
    }
}
